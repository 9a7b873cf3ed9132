-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica, platform_dossiers and
-- platform_dossier_users). The dossiers known so far are copied; of their users payments kept only the payers'
-- ids, so each payer is copied as an active full-access user without address or name until the dossier's next
-- dossier.changed brings its users whole (who may pay is the same meanwhile).
INSERT INTO platform_dossiers (dossier_id, office_id, name, settings, updated_at)
SELECT dossier_id, office_id, name, settings, updated_at FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

INSERT INTO platform_dossier_users (dossier_id, position, user_id, email, name, language, profile, active)
SELECT d.dossier_id, p.n - 1, p.user_id, '', '', COALESCE(d.settings->>'language', 'nl'), 'full_access', true
FROM dossiers d, unnest(d.payers) WITH ORDINALITY AS p (user_id, n)
WHERE NOT EXISTS (SELECT 1 FROM platform_dossier_users u WHERE u.dossier_id = d.dossier_id);

DROP TABLE dossiers;
