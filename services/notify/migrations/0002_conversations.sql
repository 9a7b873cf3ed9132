-- notify: conversations (COM-1, COM-4, WL-6). A conversation is a thread of messages in one dossier; the
-- office's question about a document (worklist.question, channel portal) opens one. The existing `messages`
-- rows become the messages of threads: each old message opens its own thread (same id).

-- The collaborators assigned to a dossier (dossier.changed assignments): who the office side of a
-- conversation is mailed at when the client answers (COM-6).
CREATE TABLE dossier_collaborators (
    dossier_id       uuid NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    collaborator_id  uuid NOT NULL,
    email            text NOT NULL,
    name             text NOT NULL,
    language         text NOT NULL,
    PRIMARY KEY (dossier_id, collaborator_id)
);

-- recipient_user_id NULL: the thread is with all full-access client users of the dossier.
-- office_contact_*: the collaborator who asked (from the request's params asked_by_id / asked_by_email, or
-- the collaborator who started the thread); NULL when unknown (then a client's answer sends no mail).
CREATE TABLE conversations (
    id                    uuid PRIMARY KEY,
    request_id            uuid UNIQUE,
    office_id             uuid NOT NULL,
    dossier_id            uuid NOT NULL,
    subject               text NOT NULL,
    recipient_user_id     uuid,
    document_id           uuid,
    proposal_id           uuid,
    started_by_side       text NOT NULL CHECK (started_by_side IN ('office', 'client')),
    office_contact_id     uuid,
    office_contact_email  text,
    status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at            timestamptz NOT NULL DEFAULT now(),
    last_message_at       timestamptz NOT NULL DEFAULT now(),
    closed_at             timestamptz,
    closed_by             uuid
);
CREATE INDEX conversations_dossier ON conversations (dossier_id, last_message_at DESC);

-- Messages get their thread and author; replies have no request and no template.
ALTER TABLE messages ADD COLUMN conversation_id uuid REFERENCES conversations ON DELETE CASCADE;
ALTER TABLE messages ADD COLUMN author_side text NOT NULL DEFAULT 'office' CHECK (author_side IN ('office', 'client'));
ALTER TABLE messages ADD COLUMN author_id uuid;
ALTER TABLE messages ADD COLUMN author_name text;
ALTER TABLE messages ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE messages ALTER COLUMN template DROP NOT NULL;

INSERT INTO conversations (id, request_id, office_id, dossier_id, subject, recipient_user_id, document_id,
                           proposal_id, started_by_side, created_at, last_message_at)
SELECT m.id, m.request_id, m.office_id, m.dossier_id,
       concat_ws(' · ', NULLIF(m.params ->> 'invoice_number', ''), NULLIF(m.params ->> 'counterparty', '')),
       m.recipient_user_id,
       CASE WHEN m.params ->> 'document_id' ~ '^[0-9a-fA-F-]{36}$' THEN (m.params ->> 'document_id')::uuid END,
       CASE WHEN m.params ->> 'proposal_id' ~ '^[0-9a-fA-F-]{36}$' THEN (m.params ->> 'proposal_id')::uuid END,
       'office', m.created_at, m.created_at
FROM messages m;
UPDATE messages SET conversation_id = id, author_name = NULLIF(params ->> 'asked_by', '');
ALTER TABLE messages ALTER COLUMN conversation_id SET NOT NULL;
CREATE INDEX messages_conversation ON messages (conversation_id, created_at);

-- COM-4 read receipts: who read which message, when.
CREATE TABLE message_reads (
    message_id  uuid NOT NULL REFERENCES messages ON DELETE CASCADE,
    user_id     uuid NOT NULL,
    read_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_reads_user ON message_reads (user_id);
