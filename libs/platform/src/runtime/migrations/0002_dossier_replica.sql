-- The dossier replica (runtime.replica): office's dossiers as dossier.changed last described them, in every
-- service that switches the projection on (empty elsewhere). A service's own columns live in its own tables,
-- keyed by dossier_id, written by its hook.
CREATE TABLE platform_dossiers (
    dossier_id                uuid PRIMARY KEY,
    office_id                 uuid NOT NULL,
    name                      text NOT NULL,
    code                      text,
    vat_number                text,
    active                    boolean NOT NULL DEFAULT true,  -- false once archived (status 'archived')
    status                    text,                           -- DOS-1 activation: draft, active, archived
    client_group              text,
    accounting_updated_up_to  date,                           -- DOS-1, as office knows it
    accounting                jsonb,                          -- SYN-7 {software, installation, dossier_code}
    settings                  jsonb NOT NULL DEFAULT '{}',    -- DossierSettings, office defaults applied
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_dossiers_office ON platform_dossiers (office_id);

-- DOS-4: the dossier's client users with their profile, in the snapshot's order.
CREATE TABLE platform_dossier_users (
    dossier_id  uuid NOT NULL REFERENCES platform_dossiers ON DELETE CASCADE,
    position    integer NOT NULL,
    user_id     uuid NOT NULL,
    email       text NOT NULL,
    name        text NOT NULL,
    language    text NOT NULL,
    profile     text NOT NULL,
    active      boolean NOT NULL,
    PRIMARY KEY (dossier_id, position)
);

-- OFF-2: the collaborators assigned to the dossier (directly or through its client group), in the snapshot's order.
CREATE TABLE platform_dossier_assignments (
    dossier_id       uuid NOT NULL REFERENCES platform_dossiers ON DELETE CASCADE,
    position         integer NOT NULL,
    collaborator_id  uuid NOT NULL,
    email            text NOT NULL,
    name             text NOT NULL,
    role             text NOT NULL,
    language         text NOT NULL,
    worklists_only   boolean NOT NULL,
    via              text NOT NULL,
    PRIMARY KEY (dossier_id, position)
);
