-- Bank statement files handed in (issue 17): each file once per dossier by its hash, its import into the
-- accounting software, and every line with what matching made of it (REP-5, PAY-7).
CREATE TABLE statement_imports (
    statement_file_id   uuid PRIMARY KEY,
    dossier_id          uuid NOT NULL,
    office_id           uuid NOT NULL,
    sha256              text NOT NULL,
    format              text NOT NULL,
    filename            text NOT NULL,
    source              text NOT NULL,
    storage_key         text NOT NULL,
    state               text NOT NULL CHECK (state IN ('received', 'imported', 'refused', 'duplicate')),
    duplicate_of        uuid,
    error_code          text,
    error_reason        text,
    statement_reference text,               -- the statement's id in the accounting software
    account             text,
    statement_date      date,
    opening_balance     numeric(14, 2),
    closing_balance     numeric(14, 2),
    received_at         timestamptz NOT NULL DEFAULT now(),
    imported_at         timestamptz
);
-- a re-sent file is recorded as a duplicate of the first, never imported twice
CREATE UNIQUE INDEX statement_imports_once ON statement_imports (dossier_id, sha256) WHERE state <> 'duplicate';
CREATE INDEX statement_imports_dossier ON statement_imports (dossier_id, received_at DESC);

CREATE TABLE statement_lines (
    statement_file_id   uuid NOT NULL REFERENCES statement_imports (statement_file_id) ON DELETE CASCADE,
    sequence            text NOT NULL,
    booking_date        date NOT NULL,
    amount              numeric(14, 2) NOT NULL,
    counterparty_name   text,
    counterparty_iban   text,
    communication       text,
    state               text NOT NULL CHECK (state IN ('matched', 'unmatched')),
    rule                text,
    matched             jsonb NOT NULL DEFAULT '[]',   -- [{kind, reference, invoice_number, external_id, amount}]
    suggestions         jsonb NOT NULL DEFAULT '[]',   -- [{reference, kind, invoice_number, amount_open, due_date}]
    PRIMARY KEY (statement_file_id, sequence)
);
