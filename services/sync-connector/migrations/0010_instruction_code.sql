-- Issue 15: the instruction as a code with its values (sync_connector.domain.status.Instruction), so the portal
-- says it in the reader's language; the English `instruction` stays for integrators.
ALTER TABLE dossiers ADD COLUMN instruction_code text, ADD COLUMN instruction_params jsonb NOT NULL DEFAULT '{}';
ALTER TABLE sync_runs ADD COLUMN instruction_code text, ADD COLUMN instruction_params jsonb NOT NULL DEFAULT '{}';
