-- Issue 17 item 4: the portal address of each office (office=<slug>, the portal's login reads it), learnt from the
-- office's own notification requests (their params carry office_slug), so notify's own mails (payment.approved)
-- link into the office's portal as the office's mails do.
CREATE TABLE office_slugs (
    office_id   uuid PRIMARY KEY,
    slug        text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
