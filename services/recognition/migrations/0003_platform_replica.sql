-- Issue 19 item 2: the dossiers' own VAT numbers move to the platform's dossier replica (runtime.replica,
-- platform_dossiers). Recognition kept neither the office nor the name of a dossier: the copied rows belong to the
-- nil office and have no name until the dossier's next dossier.changed brings them (recognition reads only the VAT
-- number and answers no dossier route, so nothing is placed in a wrong office meanwhile).
INSERT INTO platform_dossiers (dossier_id, office_id, name, vat_number, updated_at)
SELECT dossier_id, '00000000-0000-0000-0000-000000000000', '', vat_number, updated_at FROM dossier_vat_numbers
ON CONFLICT (dossier_id) DO NOTHING;

DROP TABLE dossier_vat_numbers;
