-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica, platform_dossiers): the
-- dossiers known so far are copied (office's "accounting updated up to" becomes accounting_updated_up_to); the next
-- dossier.changed of each brings its users and assignments.
INSERT INTO platform_dossiers (dossier_id, office_id, name, settings, accounting_updated_up_to, updated_at)
SELECT dossier_id, office_id, name, settings, updated_up_to, updated_at FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

DROP TABLE dossiers;
