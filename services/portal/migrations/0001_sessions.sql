-- Portal sessions: the only state the portal owns (DESIGN.md "Shape": portal owns sessions only).
-- The cookie carries an opaque id; the row is keyed by its SHA-256, so a copy of this table
-- does not hand out live cookies.
CREATE TABLE portal_session (
    id_hash        text PRIMARY KEY,
    csrf_token     text NOT NULL,
    access_token   text NOT NULL,
    refresh_token  text NOT NULL,
    access_expires timestamptz NOT NULL,
    me             jsonb NOT NULL DEFAULT '{}'::jsonb,
    language       text NOT NULL DEFAULT 'en',
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);
CREATE INDEX portal_session_expires ON portal_session (expires_at);
