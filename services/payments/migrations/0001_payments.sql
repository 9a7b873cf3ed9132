-- payments: dossier replica (dossier.changed), payable documents (proposal.created, ledger.synced),
-- payments with their approvals (PAY-2..9), approval rules and the dossier's approval switch (PAY-8),
-- SEPA files kept for download again (PAY-6).

-- dossier.changed: the office, effective settings (payment_module, default_payment_date...) and the
-- client users who may pay (administrator / full access), for rule users.
CREATE TABLE dossiers (
    dossier_id  uuid PRIMARY KEY,
    office_id   uuid NOT NULL,
    name        text NOT NULL,
    settings    jsonb NOT NULL DEFAULT '{}',
    payers      uuid[] NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- proposal.created of purchase invoices: what a payment of the document is prefilled with (PAY-2);
-- paid = the accounting software shows no open amount any more (ledger.synced open items).
CREATE TABLE payable_documents (
    document_id        uuid PRIMARY KEY,
    dossier_id         uuid NOT NULL,
    office_id          uuid NOT NULL,
    proposal_id        uuid NOT NULL,
    counterparty_name  text,
    iban               text,
    amount             numeric(14, 2) NOT NULL,
    payment_reference  text,
    invoice_number     text,
    invoice_date       date,
    due_date           date,
    paid               boolean NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payable_documents_dossier ON payable_documents (dossier_id);
CREATE INDEX payable_documents_proposal ON payable_documents (proposal_id);

CREATE TABLE sepa_files (
    id              uuid PRIMARY KEY,
    office_id       uuid NOT NULL,
    dossier_id      uuid NOT NULL,
    storage_key     text NOT NULL,
    sha256          text NOT NULL,
    size            integer NOT NULL,
    debtor_name     text NOT NULL,
    debtor_iban     text NOT NULL,
    debtor_bic      text,
    execution_date  date,             -- the one date asked for the whole file, if any
    count           integer NOT NULL CHECK (count > 0),
    total           numeric(14, 2) NOT NULL CHECK (total > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid NOT NULL
);
CREATE INDEX sepa_files_dossier ON sepa_files (dossier_id, created_at DESC);

CREATE TABLE approval_rules (
    id          uuid PRIMARY KEY,
    dossier_id  uuid NOT NULL,
    name        text NOT NULL,
    user_ids    uuid[] NOT NULL,
    max_amount  numeric(14, 2),
    deleted     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approval_rules_dossier ON approval_rules (dossier_id) WHERE NOT deleted;

-- PAY-8: whether payments of the dossier need approval; no row = off (the client switches it on).
CREATE TABLE approval_settings (
    dossier_id  uuid PRIMARY KEY,
    required    boolean NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  uuid NOT NULL
);

CREATE TABLE payments (
    id                  uuid PRIMARY KEY,
    office_id           uuid NOT NULL,
    dossier_id          uuid NOT NULL,
    document_id         uuid,
    method              text NOT NULL CHECK (method IN ('sepa', 'epc_qr')),
    state               text NOT NULL CHECK (state IN ('draft', 'to_approve', 'to_execute', 'executed', 'cancelled')),
    creditor_name       text NOT NULL,
    creditor_iban       text NOT NULL,
    creditor_bic        text,
    amount              numeric(14, 2) NOT NULL CHECK (amount > 0),
    communication_kind  text NOT NULL,
    communication_text  text,
    execution_date      date,
    initiated_by        uuid NOT NULL,
    rule_id             uuid REFERENCES approval_rules,
    idempotency_key     text,
    sepa_file_id        uuid REFERENCES sepa_files,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    executed_at         timestamptz,
    UNIQUE (dossier_id, idempotency_key)
);
CREATE INDEX payments_dossier_state ON payments (dossier_id, state);
-- one payment at a time per document: open or executed (PAY-7); a cancelled one frees the document
CREATE UNIQUE INDEX payments_one_per_document ON payments (dossier_id, document_id)
    WHERE document_id IS NOT NULL AND state <> 'cancelled';

CREATE TABLE approvals (
    payment_id   uuid NOT NULL REFERENCES payments ON DELETE CASCADE,
    user_id      uuid NOT NULL,
    approved_at  timestamptz NOT NULL,
    PRIMARY KEY (payment_id, user_id)
);
