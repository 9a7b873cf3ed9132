-- SYN-8: the journals the connector made of the office's journal templates at activation (created, or found there
-- already), and the account changes a later sync found in the accounting software, for the office to review and
-- accept (one pending row per account: a newer change replaces it until accepted).
CREATE TABLE activation_journals (
    dossier_id   uuid NOT NULL,
    code         text NOT NULL,
    name         text NOT NULL,
    kind         text NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('created', 'existed')),
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_id, code)
);

CREATE TABLE account_changes (
    change_id     uuid PRIMARY KEY,
    dossier_id    uuid NOT NULL,
    run_id        uuid,
    code          text NOT NULL,
    change        text NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
    name          text,
    account_kind  text,
    found_at      timestamptz NOT NULL DEFAULT now(),
    accepted_at   timestamptz,
    accepted_by   uuid
);
CREATE UNIQUE INDEX account_changes_pending ON account_changes (dossier_id, code) WHERE accepted_at IS NULL;
CREATE INDEX account_changes_dossier ON account_changes (dossier_id, found_at DESC);
