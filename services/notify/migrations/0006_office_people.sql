-- Issue 16 (ACT-3): the office's people as the office's own requests address them (welcome, password reset: user
-- id, address, name, language), so an alert for the office's administrators also reaches an admin assigned to no
-- dossier (the dossier snapshot names the admins by id only; an assignment gives the address of those assigned).
CREATE TABLE office_people (
    office_id   uuid NOT NULL,
    user_id     uuid NOT NULL,
    email       text NOT NULL,
    name        text,
    language    text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office_id, user_id)
);
