-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica): platform_dossiers,
-- platform_dossier_users, platform_dossier_assignments. The dossiers known so far are copied with their client users
-- and assigned collaborators; notify kept no role of a collaborator, so each is copied as a direct 'collaborator'
-- until the dossier's next dossier.changed brings its assignments whole (who is mailed is the same meanwhile).
INSERT INTO platform_dossiers (dossier_id, office_id, name, settings, updated_at)
SELECT dossier_id, office_id, name, settings, updated_at FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

INSERT INTO platform_dossier_users (dossier_id, position, user_id, email, name, language, profile, active)
SELECT dossier_id, row_number() OVER (PARTITION BY dossier_id ORDER BY email, user_id) - 1, user_id, email, name,
       language, profile, active
FROM dossier_users u
WHERE NOT EXISTS (SELECT 1 FROM platform_dossier_users p WHERE p.dossier_id = u.dossier_id);

INSERT INTO platform_dossier_assignments (dossier_id, position, collaborator_id, email, name, role, language,
                                          worklists_only, via)
SELECT dossier_id, row_number() OVER (PARTITION BY dossier_id ORDER BY email, collaborator_id) - 1, collaborator_id,
       email, name, 'collaborator', language, false, 'direct'
FROM dossier_collaborators c
WHERE NOT EXISTS (SELECT 1 FROM platform_dossier_assignments p WHERE p.dossier_id = c.dossier_id);

DROP TABLE dossier_collaborators;
DROP TABLE dossier_users;
DROP TABLE dossiers;
