-- WL-13 (issue 15 item 14): why a document's recognition failed (document.recognized error_code), and whether it
-- is being read again (a reprocess request sent to ingest and no new outcome yet). One row per failed document;
-- a later successful recognition removes it.
CREATE TABLE recognition_failures (
    document_id            uuid PRIMARY KEY,
    dossier_id             uuid NOT NULL,
    error_code             text NOT NULL,
    recognized_event_id    uuid NOT NULL,
    reprocess_request_id   uuid,
    reprocess_requested_at timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recognition_failures_dossier ON recognition_failures (dossier_id);
