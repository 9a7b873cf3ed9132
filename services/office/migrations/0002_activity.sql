-- ACT-1: what the office learns from the other services about each dossier, for the active-clients monitor.
CREATE TABLE dossier_activity (
    dossier_id         uuid PRIMARY KEY REFERENCES dossiers (id),
    last_document_at   timestamptz,
    documents_received integer NOT NULL DEFAULT 0,
    sent_to_accounting integer NOT NULL DEFAULT 0,
    sync_status        text,
    sync_error         text,
    last_sync_at       timestamptz,
    last_sync_reason   text
);
