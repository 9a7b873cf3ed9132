-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica): platform_dossiers,
-- platform_dossier_users, platform_dossier_assignments. The dossiers known so far are copied with their users and
-- assignments (kept as dossier.changed carried them); their settings are the ones the worklist kept until the
-- dossier's next dossier.changed brings them all.
INSERT INTO platform_dossiers (dossier_id, office_id, name, active, settings, updated_at)
SELECT dossier_id, office_id, name, active, settings, updated_at FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

INSERT INTO platform_dossier_users (dossier_id, position, user_id, email, name, language, profile, active)
SELECT d.dossier_id, u.n - 1, (u.v->>'user_id')::uuid, u.v->>'email', u.v->>'name', COALESCE(u.v->>'language', 'nl'),
       u.v->>'profile', COALESCE((u.v->>'active')::boolean, true)
FROM dossiers d, jsonb_array_elements(d.users) WITH ORDINALITY AS u (v, n)
WHERE NOT EXISTS (SELECT 1 FROM platform_dossier_users p WHERE p.dossier_id = d.dossier_id);

INSERT INTO platform_dossier_assignments (dossier_id, position, collaborator_id, email, name, role, language,
                                          worklists_only, via)
SELECT d.dossier_id, a.n - 1, (a.v->>'collaborator_id')::uuid, a.v->>'email', a.v->>'name', a.v->>'role',
       COALESCE(a.v->>'language', 'nl'), COALESCE((a.v->>'worklists_only')::boolean, false),
       COALESCE(a.v->>'via', 'direct')
FROM dossiers d, jsonb_array_elements(d.assignments) WITH ORDINALITY AS a (v, n)
WHERE NOT EXISTS (SELECT 1 FROM platform_dossier_assignments p WHERE p.dossier_id = d.dossier_id);

DROP TABLE dossiers;
