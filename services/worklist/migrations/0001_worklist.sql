-- worklist: booking proposals with their version history, the documents they come from, the dossier
-- replica (settings, users, assignments) and the replica of the accounting software's master data.

-- Replica of dossier.changed: office, the settings the worklist needs, client users and assignments.
CREATE TABLE dossiers (
    dossier_id   uuid PRIMARY KEY,
    office_id    uuid NOT NULL,
    name         text NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    settings     jsonb NOT NULL DEFAULT '{}',
    users        jsonb NOT NULL DEFAULT '[]',
    assignments  jsonb NOT NULL DEFAULT '[]',
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossiers_office ON dossiers (office_id);

-- Replica of the accounting software's master data (ledger.synced master_data), one row per record.
CREATE TABLE master_records (
    dossier_id  uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('accounts', 'journals', 'periods', 'vat_codes', 'counterparties')),
    key         text NOT NULL,            -- code (accounts, journals, periods, VAT codes) or reference
    data        jsonb NOT NULL,
    search      text NOT NULL DEFAULT '', -- lower-case name and VAT number, for the counterparty search
    PRIMARY KEY (dossier_id, kind, key)
);

-- The documents proposals come from (document.received): for previews and attachments (WL-6).
CREATE TABLE documents (
    document_id   uuid PRIMARY KEY,
    dossier_id    uuid NOT NULL,
    mailbox       text NOT NULL,
    filename      text NOT NULL,
    content_type  text NOT NULL,
    storage_key   text NOT NULL,
    page_count    integer,
    received_at   timestamptz NOT NULL
);

-- A booking proposal (or a misc document to file). `content` holds the ProposalContent fields;
-- the columns beside it are what lists filter and sort on, recomputed from it on every save.
CREATE TABLE proposals (
    proposal_id         uuid PRIMARY KEY,
    office_id           uuid NOT NULL,
    dossier_id          uuid NOT NULL,
    document_id         uuid NOT NULL,
    mailbox             text NOT NULL CHECK (mailbox IN ('purchases', 'sales', 'misc')),
    status              text NOT NULL,
    auto_status         text NOT NULL,   -- the WL-3 automatic status the content has now
    version             integer NOT NULL DEFAULT 1,
    content             jsonb NOT NULL,
    origin              text,
    journal_code        text,
    period_code         text,
    invoice_date        date,
    invoice_number      text,
    document_number     text,
    counterparty_name   text,
    counterparty_status text,
    gross               numeric,
    duplicate           boolean NOT NULL DEFAULT false,
    search              text NOT NULL DEFAULT '',
    page_count          integer,
    confidence          double precision,
    words_key           text,
    field_confidence    jsonb NOT NULL DEFAULT '{}',
    reasons             jsonb NOT NULL DEFAULT '[]',
    help_needed         boolean NOT NULL DEFAULT false,
    help_note           text,
    note                text,
    comment             text,
    misc_type           text,
    rejection_reason    text,
    booking_reference   text,
    validated_by        jsonb,
    processed_at        timestamptz NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    deleted_at          timestamptz
);
-- lists: one dossier and mailbox, live rows, in the default order and by status
CREATE INDEX proposals_list ON proposals (dossier_id, mailbox, processed_at DESC, proposal_id) WHERE deleted_at IS NULL;
CREATE INDEX proposals_status ON proposals (dossier_id, mailbox, status) WHERE deleted_at IS NULL;
CREATE INDEX proposals_invoice_date ON proposals (dossier_id, mailbox, invoice_date, proposal_id) WHERE deleted_at IS NULL;
CREATE INDEX proposals_counterparty ON proposals (dossier_id, mailbox, counterparty_name, proposal_id) WHERE deleted_at IS NULL;
CREATE INDEX proposals_gross ON proposals (dossier_id, mailbox, gross, proposal_id) WHERE deleted_at IS NULL;
CREATE INDEX proposals_help ON proposals (dossier_id) WHERE help_needed AND deleted_at IS NULL;
CREATE INDEX proposals_document ON proposals (document_id);

-- Undo (WL-5): the state of a proposal before each change made by a person, newest = highest version.
CREATE TABLE proposal_versions (
    proposal_id  uuid NOT NULL REFERENCES proposals (proposal_id) ON DELETE CASCADE,
    version      integer NOT NULL,   -- the proposal's version this snapshot was
    action       text NOT NULL,
    snapshot     jsonb NOT NULL,
    changed_by   jsonb,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, version)
);
