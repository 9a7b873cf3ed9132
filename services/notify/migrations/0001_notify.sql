-- notify: replica of each dossier's client users (dossier.changed), notification requests and their fate,
-- office template overrides (COM-5), portal messages (COM-1, WL-6) and the outgoing mail queue (COM-6).

-- dossier.changed: the dossier's name and office, and its client users (DOS-4 profiles).
CREATE TABLE dossiers (
    dossier_id  uuid PRIMARY KEY,
    office_id   uuid NOT NULL,
    name        text NOT NULL,
    settings    jsonb NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dossier_users (
    dossier_id  uuid NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    user_id     uuid NOT NULL,
    email       text NOT NULL,
    name        text NOT NULL,
    language    text NOT NULL,
    profile     text NOT NULL,
    active      boolean NOT NULL,
    PRIMARY KEY (dossier_id, user_id)
);

-- Every notification.requested: done, pending (its dossier is not replicated yet: resolved when
-- dossier.changed arrives) or failed (unknown template, missing placeholder, unknown recipient) with the reason.
CREATE TABLE requests (
    event_id     uuid PRIMARY KEY,
    office_id    uuid NOT NULL,
    dossier_id   uuid,
    template     text NOT NULL,
    status       text NOT NULL CHECK (status IN ('done', 'pending', 'failed')),
    reason       text,
    payload      jsonb,          -- kept only while pending (it may hold a link token)
    created_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz
);
CREATE INDEX requests_pending ON requests (dossier_id) WHERE status = 'pending';

-- COM-5: an office's own version of a standard template in one language; none = the standard one.
CREATE TABLE template_overrides (
    office_id   uuid NOT NULL,
    key         text NOT NULL,
    language    text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    html        text,
    updated_by  text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office_id, key, language)
);

-- Portal messages (channel "portal", e.g. WL-6 questions) for the conversations of COM-1.
-- recipient_user_id NULL: addressed to all full-access users of the dossier.
CREATE TABLE messages (
    id                 uuid PRIMARY KEY,
    request_id         uuid NOT NULL UNIQUE,
    office_id          uuid NOT NULL,
    dossier_id         uuid NOT NULL,
    recipient_user_id  uuid,
    template           text NOT NULL,
    text               text NOT NULL,
    params             jsonb NOT NULL DEFAULT '{}',
    attachments        jsonb NOT NULL DEFAULT '[]',
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_dossier ON messages (dossier_id, created_at);

-- COM-6: one mail per request and address; the sender delivers queued ones (FOR UPDATE SKIP LOCKED).
CREATE TABLE outgoing_mail (
    id               uuid PRIMARY KEY,
    request_id       uuid NOT NULL,
    office_id        uuid NOT NULL,
    dossier_id       uuid,
    template         text NOT NULL,
    language         text NOT NULL,
    to_address       text NOT NULL,
    to_name          text,
    subject          text NOT NULL,
    body             text NOT NULL,
    html             text,
    attachments      jsonb NOT NULL DEFAULT '[]',
    status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    UNIQUE (request_id, to_address)
);
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at) WHERE status = 'queued';
