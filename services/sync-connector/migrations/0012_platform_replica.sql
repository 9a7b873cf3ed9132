-- Issue 19 item 2: the dossier replica moves to the platform's tables (runtime.replica, platform_dossiers); the
-- connector keeps only its own state of each dossier in dossier_links, keyed by dossier_id: the link it activated
-- (software, installation, dossier code: compared with the next dossier.changed's to see a relink), its sync status
-- with the instruction, its marks (updated up to, active period) and its schedule. The dossiers known so far are
-- copied (name, office, active, the three settings kept, the link); their users and assignments come with the
-- dossier's next dossier.changed (until then the token decides who may act, as before).
CREATE TABLE dossier_links (
    dossier_id          uuid PRIMARY KEY,
    software            text,
    installation        text,
    dossier_code        text,
    activated_at        timestamptz,            -- found in the software and imported
    updated_up_to       date,                   -- SYN-4 "accounting updated up to"
    active_period       text,                   -- SYN-4 new active period
    sync_status         text NOT NULL DEFAULT 'ok' CHECK (sync_status IN ('ok', 'needs_support', 'needs_collaborator')),
    instruction         text,                   -- what to do when the status is not ok
    instruction_code    text,
    instruction_params  jsonb NOT NULL DEFAULT '{}',
    status_since        timestamptz NOT NULL DEFAULT now(),
    last_nightly        date,                   -- SYN-3: the day the nightly sync was last requested
    sync_due_at         timestamptz,            -- SYN-2: the sync after postings
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_links_sync_due ON dossier_links (sync_due_at) WHERE sync_due_at IS NOT NULL;

INSERT INTO platform_dossiers (dossier_id, office_id, name, active, status, accounting_updated_up_to, accounting,
                               settings, updated_at)
SELECT dossier_id, office_id, name, active, CASE WHEN active THEN 'active' ELSE 'archived' END, updated_up_to,
       CASE WHEN software IS NULL THEN NULL ELSE jsonb_build_object('software', software, 'installation',
            installation, 'dossier_code', dossier_code) END, settings, updated_at
FROM dossiers
ON CONFLICT (dossier_id) DO NOTHING;

INSERT INTO dossier_links (dossier_id, software, installation, dossier_code, activated_at, updated_up_to,
                           active_period, sync_status, instruction, instruction_code, instruction_params,
                           status_since, last_nightly, sync_due_at, updated_at)
SELECT dossier_id, software, installation, dossier_code, activated_at, updated_up_to, active_period, sync_status,
       instruction, instruction_code, instruction_params, status_since, last_nightly, sync_due_at, updated_at
FROM dossiers;

ALTER TABLE snapshots DROP CONSTRAINT snapshots_dossier_id_fkey;
ALTER TABLE snapshots ADD CONSTRAINT snapshots_dossier_id_fkey
    FOREIGN KEY (dossier_id) REFERENCES dossier_links (dossier_id) ON DELETE CASCADE;

DROP TABLE dossiers;
