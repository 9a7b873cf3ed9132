-- Issue 18 (dashboards, stage latency): when a document first reached each stage of the pipeline, by the time of the
-- stage's own event (occurred_at), so bf_stage_seconds is observed once per document and stage, whichever order the
-- topics arrive in. 'uploaded' is the start every stage is measured from (document.received's time).
CREATE TABLE IF NOT EXISTS document_stages (
    document_id uuid NOT NULL,
    stage       text NOT NULL,
    reached_at  timestamptz NOT NULL,
    PRIMARY KEY (document_id, stage)
);
