-- reporting: read models of the client feedback (REP-1..6). Everything here is a replica of other
-- services' events except history_done (REP-4 "done" ticks), which the client owns.

-- dossier.changed: office, effective settings (portal scope, hide financial data, closed periods only),
-- "accounting updated up to" (DOS-1).
CREATE TABLE dossiers (
    dossier_id   uuid PRIMARY KEY,
    office_id    uuid NOT NULL,
    name         text NOT NULL,
    settings     jsonb NOT NULL DEFAULT '{}',
    updated_up_to date,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- ledger.synced sync runs: the accounting software's "updated up to" when office has none yet.
CREATE TABLE sync_state (
    dossier_id    uuid PRIMARY KEY,
    updated_up_to date,
    synced_at     timestamptz NOT NULL
);

-- ledger.synced master data. Every row carries the occurred_at of the event that wrote it (synced_at):
-- an older event never overwrites a newer one, and a tombstone stops an older upsert from bringing a
-- deleted record back, so parts and redeliveries may be applied in any order.
CREATE TABLE entries (
    dossier_id     uuid NOT NULL,
    reference      text NOT NULL,
    journal_code   text NOT NULL,
    journal_type   text NOT NULL,
    period_code    text NOT NULL,
    booking_date   date NOT NULL,
    document_number text,
    counterparty_reference text,
    invoice_number text,
    invoice_date   date,
    document_kind  text,
    total          numeric(16, 2) NOT NULL,
    external_id    text,
    document_id    uuid,
    lines          jsonb NOT NULL DEFAULT '[]',
    synced_at      timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, reference)
);
CREATE INDEX entries_by_date ON entries (dossier_id, booking_date);
CREATE INDEX entries_by_external ON entries (dossier_id, external_id);

CREATE TABLE open_items (
    dossier_id     uuid NOT NULL,
    reference      text NOT NULL,
    kind           text NOT NULL,
    counterparty_reference text,
    document_number text,
    invoice_number text,
    issue_date     date,
    due_date       date,
    amount         numeric(16, 2) NOT NULL,
    amount_open    numeric(16, 2) NOT NULL,
    currency       text NOT NULL DEFAULT 'EUR',
    external_id    text,
    synced_at      timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, reference)
);

CREATE TABLE bank_transactions (
    dossier_id     uuid NOT NULL,
    reference      text NOT NULL,
    account_iban   text,
    booking_date   date NOT NULL,
    amount         numeric(16, 2) NOT NULL,
    currency       text NOT NULL DEFAULT 'EUR',
    counterparty_name text,
    counterparty_iban text,
    communication  text,
    reconciled     boolean NOT NULL DEFAULT false,
    synced_at      timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, reference)
);

CREATE TABLE accounts (
    dossier_id uuid NOT NULL,
    reference  text NOT NULL,
    name       text NOT NULL,
    kind       text NOT NULL,
    synced_at  timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, reference)
);

CREATE TABLE counterparties (
    dossier_id uuid NOT NULL,
    reference  text NOT NULL,
    name       text NOT NULL,
    vat_number text,
    roles      text[] NOT NULL DEFAULT '{}',
    synced_at  timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, reference)
);

CREATE TABLE periods (
    dossier_id uuid NOT NULL,
    reference  text NOT NULL,
    start_date date NOT NULL,
    end_date   date NOT NULL,
    state      text NOT NULL,
    synced_at  timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, reference)
);

CREATE TABLE tombstones (
    dossier_id uuid NOT NULL,
    kind       text NOT NULL,
    reference  text NOT NULL,
    deleted_at timestamptz NOT NULL,
    PRIMARY KEY (dossier_id, kind, reference)
);

-- document.received (+ document.recognized for the type, ledger.synced posted/deleted for the status):
-- the digital archive (REP-3). Columns stay NULL until the event that fills them arrives.
CREATE TABLE archive_documents (
    document_id   uuid PRIMARY KEY,
    dossier_id    uuid NOT NULL,
    office_id     uuid NOT NULL,
    mailbox       text,
    filename      text,
    content_type  text,
    source        text,
    size_bytes    bigint,
    received_at   timestamptz,
    document_type text,
    status        text NOT NULL DEFAULT 'processing',
    entry_reference text,
    proposal_id   uuid
);
CREATE INDEX archive_by_dossier ON archive_documents (dossier_id, received_at DESC);

-- REP-4: invoices the client ticked as paid although the accounting software still shows them open.
CREATE TABLE history_done (
    dossier_id uuid NOT NULL,
    item_reference text NOT NULL,
    done_by    text NOT NULL,
    done_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_id, item_reference)
);

-- payment.approved: REP-4 "payment in progress" on the invoice of the document paid.
CREATE TABLE payments_in_progress (
    payment_id     uuid PRIMARY KEY,
    dossier_id     uuid NOT NULL,
    document_id    uuid,
    amount         numeric(16, 2) NOT NULL,
    execution_date date,
    approved_at    timestamptz NOT NULL
);
CREATE INDEX payments_by_document ON payments_in_progress (dossier_id, document_id);
