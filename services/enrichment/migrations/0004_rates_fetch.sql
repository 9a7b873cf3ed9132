-- ENR-2 / REC-3: the scheduled fetch of the ECB reference rates. One row shared by every instance: an
-- instance claims it (FOR UPDATE SKIP LOCKED) in the transaction that fetches and stores the rates, so one
-- instance fetches per publication; a failure sets retry_at for all of them.
CREATE TABLE rates_fetch (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    fetched_at  timestamptz,                 -- the last scheduled fetch that worked
    failures    integer NOT NULL DEFAULT 0,  -- failed attempts since
    retry_at    timestamptz,                 -- no attempt before this
    last_error  text                         -- why the last attempt failed
);
INSERT INTO rates_fetch DEFAULT VALUES;

-- "is a rate of that day stored", "the newest rate": without scanning every currency's history
CREATE INDEX exchange_rates_day ON exchange_rates (day);
