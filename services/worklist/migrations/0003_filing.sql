-- WL-12: when and by whom a misc document was filed into the permanent dossier.
ALTER TABLE proposals ADD COLUMN filed_at timestamptz, ADD COLUMN filed_by jsonb;
CREATE INDEX proposals_filed ON proposals (dossier_id, misc_type) WHERE status = 'filed' AND deleted_at IS NULL;
