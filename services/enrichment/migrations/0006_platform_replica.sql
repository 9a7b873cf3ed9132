-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica, platform_dossiers): the
-- dossiers known so far are copied with their settings and VAT number (enrichment kept no name: empty until the
-- dossier's next dossier.changed brings it, with its users and assignments).
INSERT INTO platform_dossiers (dossier_id, office_id, name, vat_number, settings, updated_at)
SELECT dossier_id, office_id, '', vat_number, settings, updated_at FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

DROP TABLE dossiers;
