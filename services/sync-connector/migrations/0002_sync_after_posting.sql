-- SYN-2: a sync follows the postings of a dossier, once they have stopped for a moment (coalesced).
ALTER TABLE dossiers ADD COLUMN sync_due_at timestamptz;
CREATE INDEX dossiers_sync_due ON dossiers (sync_due_at) WHERE sync_due_at IS NOT NULL;
