-- Lists sort counterparties case-insensitively (WL-1): an index on the expression the ORDER BY uses.
DROP INDEX IF EXISTS proposals_counterparty;
CREATE INDEX proposals_counterparty_lower ON proposals (dossier_id, mailbox, lower(counterparty_name), proposal_id)
    WHERE deleted_at IS NULL;
