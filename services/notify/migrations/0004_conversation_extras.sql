-- notify: what a client and an office expect of conversations (issue 16; COM-2, COM-3, COM-4, COM-5).

-- COM-2: "VAT return OK" — a client signals that all documents of a VAT period are in; once per dossier and
-- period (a second confirmation answers the first: when, by whom). The message it wrote is in conversation_id.
CREATE TABLE vat_confirmations (
    dossier_id         uuid NOT NULL,
    period             text NOT NULL CHECK (period ~ '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$'),
    office_id          uuid NOT NULL,
    confirmed_at       timestamptz NOT NULL DEFAULT now(),
    confirmed_by       uuid NOT NULL,
    confirmed_by_name  text,
    conversation_id    uuid REFERENCES conversations ON DELETE SET NULL,
    PRIMARY KEY (dossier_id, period)
);
CREATE INDEX vat_confirmations_office ON vat_confirmations (office_id, period);

-- COM-4: a sent message edited by its author (the other side sees "edited" and when); an archived (closed)
-- conversation leaves the default list.
ALTER TABLE messages ADD COLUMN edited_at timestamptz;
ALTER TABLE conversations ADD COLUMN archived_at timestamptz;
ALTER TABLE conversations ADD COLUMN archived_by uuid;

-- COM-1: files attached to a message by the office or the client (PDF or image), kept in the object store.
CREATE TABLE message_files (
    id               uuid PRIMARY KEY,
    message_id       uuid NOT NULL REFERENCES messages ON DELETE CASCADE,
    conversation_id  uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
    dossier_id       uuid NOT NULL,
    filename         text NOT NULL,
    content_type     text NOT NULL,
    size             integer NOT NULL,
    storage_key      text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_files_message ON message_files (message_id);

-- COM-5: an office's own conversation templates (the standard ones are in code), one language each.
CREATE TABLE conversation_templates (
    id          uuid PRIMARY KEY,
    office_id   uuid NOT NULL,
    name        text NOT NULL,
    language    text NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    subject     text NOT NULL,
    body        text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  uuid
);
CREATE INDEX conversation_templates_office ON conversation_templates (office_id, language);
