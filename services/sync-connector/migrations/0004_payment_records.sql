-- Approved payments recorded in the accounting software (issue 17 item 1): once per payment id.
CREATE TABLE payment_records (
    payment_id          uuid PRIMARY KEY,
    dossier_id          uuid NOT NULL,
    document_id         uuid,
    state               text NOT NULL CHECK (state IN ('recorded', 'no_booking', 'refused')),
    software_reference  text,                   -- the payment's id in the software
    error_reason        text,
    recorded_at         timestamptz NOT NULL DEFAULT now()
);
