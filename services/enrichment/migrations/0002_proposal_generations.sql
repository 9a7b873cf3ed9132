-- A document's proposal can be superseded by a later recognition of the same document (same proposal id,
-- same document number): keep what it was, and which recognition events were already applied.
ALTER TABLE proposals ADD COLUMN status text, ADD COLUMN journal text, ADD COLUMN document_number text;

-- document.recognized events applied, whatever consumer group read them (a re-read changes nothing).
CREATE TABLE recognitions (
    event_id     uuid PRIMARY KEY,
    document_id  uuid NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now()
);
