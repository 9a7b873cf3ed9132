-- Issue 15 item 5: a sent document's timeline for the client — when it was booked, and when the accounting software
-- refused its booking (the office corrects it; a later posting or deletion clears it).
ALTER TABLE documents ADD COLUMN booked_at timestamptz;
ALTER TABLE documents ADD COLUMN refused_at timestamptz;
ALTER TABLE documents ADD COLUMN refusal_code text;
CREATE INDEX documents_sent ON documents (dossier_id, status, sent_at DESC);
