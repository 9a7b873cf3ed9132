-- Login back-off keyed on e-mail + client address, with a softer per-e-mail row (client '*'),
-- and the password-reset requests that rate-limit the reset e-mails (see API.md "Throttling").
ALTER TABLE login_attempts ADD COLUMN client text NOT NULL DEFAULT '*';
ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_pkey;
ALTER TABLE login_attempts ADD PRIMARY KEY (email, client);

CREATE TABLE reset_requests (
    bucket       text NOT NULL,
    requested_at timestamptz NOT NULL
);
CREATE INDEX reset_requests_bucket ON reset_requests (bucket, requested_at);
