-- The office service: offices, users (collaborators and client users), groups, dossiers, keys and tokens.
CREATE TABLE offices (
    id               uuid PRIMARY KEY,
    slug             text NOT NULL UNIQUE,
    name             text NOT NULL,
    portal_name      text NOT NULL,
    default_language text NOT NULL DEFAULT 'nl',
    settings         jsonb NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- e-mails are unique platform-wide: a login names one account
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    office_id     uuid NOT NULL REFERENCES offices (id),
    kind          text NOT NULL CHECK (kind IN ('collaborator', 'client')),
    email         text NOT NULL,
    name          text NOT NULL,
    language      text NOT NULL DEFAULT 'nl',
    role          text CHECK (role IN ('ADMIN', 'COLLABORATOR', 'SUPPORT')),
    password_hash text,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'collaborator') = (role IS NOT NULL))
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_office ON users (office_id, kind);

CREATE TABLE login_attempts (
    email        text PRIMARY KEY,
    failures     integer NOT NULL DEFAULT 0,
    locked_until timestamptz
);

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id),
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE link_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    purpose    text NOT NULL CHECK (purpose IN ('welcome', 'reset')),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

-- Ed25519 signing keys: the newest signs, every key not yet retired verifies (rotation)
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    private_key bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);

CREATE TABLE collaborator_groups (
    id        uuid PRIMARY KEY,
    office_id uuid NOT NULL REFERENCES offices (id),
    name      text NOT NULL,
    UNIQUE (office_id, name)
);
CREATE TABLE collaborator_group_members (
    group_id uuid NOT NULL REFERENCES collaborator_groups (id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE client_groups (
    id        uuid PRIMARY KEY,
    office_id uuid NOT NULL REFERENCES offices (id),
    name      text NOT NULL,
    UNIQUE (office_id, name)
);
CREATE TABLE client_group_collaborators (
    group_id uuid NOT NULL REFERENCES client_groups (id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_id, user_id)
);
CREATE TABLE client_group_collaborator_groups (
    group_id              uuid NOT NULL REFERENCES client_groups (id) ON DELETE CASCADE,
    collaborator_group_id uuid NOT NULL REFERENCES collaborator_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, collaborator_group_id)
);

CREATE TABLE dossiers (
    id                       uuid PRIMARY KEY,
    office_id                uuid NOT NULL REFERENCES offices (id),
    name                     text NOT NULL,
    code                     text,
    vat_number               text,
    language                 text NOT NULL DEFAULT 'nl',
    status                   text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    accounting               jsonb,
    accounting_updated_up_to date,
    client_group_id          uuid REFERENCES client_groups (id) ON DELETE SET NULL,
    settings                 jsonb NOT NULL DEFAULT '{}',
    created_at               timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dossiers_code ON dossiers (office_id, lower(code)) WHERE code IS NOT NULL;
CREATE INDEX dossiers_office ON dossiers (office_id);

CREATE TABLE dossier_mailboxes (
    dossier_id uuid NOT NULL REFERENCES dossiers (id),
    mailbox    text NOT NULL CHECK (mailbox IN ('purchases', 'sales', 'misc')),
    address    text NOT NULL UNIQUE,
    PRIMARY KEY (dossier_id, mailbox)
);

CREATE TABLE assignments (
    dossier_id      uuid NOT NULL REFERENCES dossiers (id),
    collaborator_id uuid NOT NULL REFERENCES users (id),
    worklists_only  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (dossier_id, collaborator_id)
);
CREATE INDEX assignments_collaborator ON assignments (collaborator_id);

CREATE TABLE dossier_users (
    dossier_id uuid NOT NULL REFERENCES dossiers (id),
    user_id    uuid NOT NULL REFERENCES users (id),
    profile    text NOT NULL CHECK (profile IN ('ADMINISTRATOR', 'FULL_ACCESS', 'DOCUMENT_PROCESSING',
                                                'DOCUMENT_PROCESSING_ARCHIVE', 'FULL_FEEDBACK', 'DOCUMENT_DELIVERY')),
    active     boolean NOT NULL DEFAULT true,
    PRIMARY KEY (dossier_id, user_id)
);
CREATE INDEX dossier_users_user ON dossier_users (user_id);

CREATE TABLE api_keys (
    id         uuid PRIMARY KEY,
    office_id  uuid NOT NULL REFERENCES offices (id),
    dossier_id uuid NOT NULL REFERENCES dossiers (id),
    mailbox    text NOT NULL CHECK (mailbox IN ('purchases', 'sales', 'misc')),
    name       text NOT NULL,
    prefix     text NOT NULL,
    key_hash   bytea NOT NULL UNIQUE,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX api_keys_dossier ON api_keys (dossier_id);
