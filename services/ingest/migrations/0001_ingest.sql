-- ingest: the dossier replica it needs, inbound addresses, documents and their pages, mail notes.

-- Replica of dossier.changed: office, effective settings (portal scope, auto-transmission), users.
CREATE TABLE dossiers (
    dossier_id  uuid PRIMARY KEY,
    office_id   uuid NOT NULL,
    name        text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    settings    jsonb NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- ING-2: each dossier's unique address per mailbox (lower-case).
CREATE TABLE inbound_addresses (
    address     text PRIMARY KEY,
    dossier_id  uuid NOT NULL REFERENCES dossiers (dossier_id) ON DELETE CASCADE,
    mailbox     text NOT NULL CHECK (mailbox IN ('purchases', 'sales', 'misc'))
);
CREATE INDEX inbound_addresses_dossier ON inbound_addresses (dossier_id);

-- A document in a mailbox, in processing, processed, or replaced by a split/merge (kept, never lost).
CREATE TABLE documents (
    id              uuid PRIMARY KEY,
    office_id       uuid NOT NULL,
    dossier_id      uuid NOT NULL,
    mailbox         text NOT NULL CHECK (mailbox IN ('purchases', 'sales', 'misc')),
    status          text NOT NULL CHECK (status IN ('mailbox', 'processing', 'processed', 'booked', 'replaced', 'deleted')),
    filename        text NOT NULL,
    content_type    text NOT NULL,
    size_bytes      bigint NOT NULL,
    sha256          text NOT NULL,
    original_sha256 text NOT NULL,             -- digest of the bytes as handed in (duplicates)
    storage_key     text NOT NULL,
    originals       jsonb NOT NULL DEFAULT '[]',   -- photos kept besides their PDF: [{key, content_type, filename}]
    page_count      integer,
    flags           text[] NOT NULL DEFAULT '{}',  -- encrypted, corrupt
    problem         text,
    source          text NOT NULL CHECK (source IN ('portal', 'email', 'mobile', 'api')),
    sender          text,
    submitted_by    jsonb,
    email_message_id text,
    email_subject   text,
    labels          text[] NOT NULL DEFAULT '{}',
    note            text,
    derived_from    uuid[] NOT NULL DEFAULT '{}',
    auto_transmitted boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    processed_at    timestamptz
);
CREATE INDEX documents_list ON documents (dossier_id, status, mailbox, created_at DESC);
CREATE INDEX documents_sha ON documents (dossier_id, original_sha256);

-- Page thumbnails, rendered on first request and kept (content-addressed PNG).
CREATE TABLE thumbnails (
    document_id uuid NOT NULL REFERENCES documents (id),
    page        integer NOT NULL,
    storage_key text NOT NULL,
    PRIMARY KEY (document_id, page)
);

-- ING-2: each e-mail once per mailbox (Message-ID), and mails without attachments kept as notes.
CREATE TABLE mails (
    dossier_id  uuid NOT NULL,
    mailbox     text NOT NULL,
    message_id  text NOT NULL,
    sender      text,
    subject     text,
    body        text,
    problems    text[] NOT NULL DEFAULT '{}',
    documents   integer NOT NULL DEFAULT 0,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_id, mailbox, message_id)
);
