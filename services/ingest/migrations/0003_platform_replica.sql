-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica, platform_dossiers): the
-- dossiers known so far are copied with the settings ingest kept (the next dossier.changed of each brings them
-- all, with its users and assignments); the inbound addresses (ING-2) stay ingest's, now of platform_dossiers.
INSERT INTO platform_dossiers (dossier_id, office_id, name, active, settings, updated_at)
SELECT dossier_id, office_id, name, active, settings, updated_at FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

ALTER TABLE inbound_addresses DROP CONSTRAINT inbound_addresses_dossier_id_fkey;
ALTER TABLE inbound_addresses ADD CONSTRAINT inbound_addresses_dossier_id_fkey
    FOREIGN KEY (dossier_id) REFERENCES platform_dossiers (dossier_id) ON DELETE CASCADE;

DROP TABLE dossiers;
