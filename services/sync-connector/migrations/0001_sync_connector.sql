-- sync-connector: the dossiers it links to accounting software, what it posted, what it published
-- of each dossier's master data (to publish only changes), and its sync runs with their status.

-- Replica of dossier.changed plus the connector's own state of the link (SYN-7, ACT-1).
CREATE TABLE dossiers (
    dossier_id      uuid PRIMARY KEY,
    office_id       uuid NOT NULL,
    name            text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    settings        jsonb NOT NULL DEFAULT '{}',
    software        text,
    installation    text,
    dossier_code    text,
    activated_at    timestamptz,            -- found in the software and imported
    updated_up_to   date,                   -- SYN-4 "accounting updated up to"
    active_period   text,                   -- SYN-4 new active period
    sync_status     text NOT NULL DEFAULT 'ok' CHECK (sync_status IN ('ok', 'needs_support', 'needs_collaborator')),
    instruction     text,                   -- what to do when the status is not ok
    status_since    timestamptz NOT NULL DEFAULT now(),
    last_nightly    date,                   -- SYN-3: the day the nightly sync was last requested
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- What was last published of each master-data record: its hash, so a sync publishes only changes.
CREATE TABLE snapshots (
    dossier_id  uuid NOT NULL REFERENCES dossiers (dossier_id) ON DELETE CASCADE,
    kind        text NOT NULL,
    key         text NOT NULL,
    hash        text NOT NULL,
    PRIMARY KEY (dossier_id, kind, key)
);

-- Each proposal the connector handled (SYN-2, SYN-6).
CREATE TABLE postings (
    proposal_id         uuid PRIMARY KEY,
    dossier_id          uuid NOT NULL,
    document_id         uuid,
    state               text NOT NULL CHECK (state IN ('posted', 'failed', 'deleted')),
    booking_reference   text,
    error_reason        text,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX postings_dossier ON postings (dossier_id, updated_at DESC);

-- Sync runs (SYN-1, SYN-3..5, SYN-7; ACT-2 monitoring).
CREATE TABLE sync_runs (
    run_id          uuid PRIMARY KEY,
    dossier_id      uuid NOT NULL,
    reason          text NOT NULL,
    request_id      uuid,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    error_reason    text,
    changes         jsonb NOT NULL DEFAULT '[]',
    sync_status     text NOT NULL,
    updated_up_to   date,
    active_period   text
);
CREATE INDEX sync_runs_dossier ON sync_runs (dossier_id, started_at DESC);
