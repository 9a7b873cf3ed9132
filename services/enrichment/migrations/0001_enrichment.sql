-- enrichment: per-dossier replica of the accounting software's master data, settings, booking history
-- (learning), duplicate index, proposals made, document-number counters, exchange rates.

-- dossier.changed: the effective settings (JSON of DossierSettings) and the dossier's VAT number.
CREATE TABLE dossiers (
    dossier_id  uuid PRIMARY KEY,
    office_id   uuid NOT NULL,
    settings    jsonb NOT NULL,
    vat_number  text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- ledger.synced master data as it came (accounts, counterparties, journals, periods, vat_codes), by key.
CREATE TABLE master_records (
    dossier_id  uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('accounts', 'counterparties', 'journals', 'periods', 'vat_codes')),
    key         text NOT NULL,
    data        jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_id, kind, key)
);

-- Final bookings (history and our postings): what the office booked for which counterparty.
CREATE TABLE bookings (
    dossier_id      uuid NOT NULL,
    reference       text NOT NULL,
    seq             bigserial,
    counterparty    text,
    vat_number      text,
    booked_on       date NOT NULL,
    document_id     uuid,
    PRIMARY KEY (dossier_id, reference)
);
CREATE INDEX bookings_counterparty ON bookings (dossier_id, counterparty);
CREATE INDEX bookings_vat ON bookings (dossier_id, vat_number);

CREATE TABLE booking_lines (
    dossier_id    uuid NOT NULL,
    reference     text NOT NULL,
    account       text NOT NULL,
    vat_code      text,
    invoice_rate  numeric,
    FOREIGN KEY (dossier_id, reference) REFERENCES bookings (dossier_id, reference) ON DELETE CASCADE
);
CREATE INDEX booking_lines_booking ON booking_lines (dossier_id, reference);

-- Proposals made (one active per document) and the duplicate index (ENR-5).
CREATE TABLE proposals (
    proposal_id   uuid PRIMARY KEY,
    dossier_id    uuid NOT NULL,
    document_id   uuid NOT NULL,
    vat_number    text,           -- the counterparty's, so a party created at posting links up
    withdrawn     boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX proposals_one_active ON proposals (document_id) WHERE NOT withdrawn;

CREATE TABLE duplicate_keys (
    dossier_id         uuid NOT NULL,
    key                text NOT NULL,
    document_id        uuid,
    booking_reference  text
);
CREATE INDEX duplicate_keys_lookup ON duplicate_keys (dossier_id, key);
CREATE INDEX duplicate_keys_document ON duplicate_keys (document_id);

-- ENR-4: the next number of each journal, never handed out twice.
CREATE TABLE number_counters (
    dossier_id   uuid NOT NULL,
    journal      text NOT NULL,
    next_number  integer NOT NULL CHECK (next_number >= 1),
    PRIMARY KEY (dossier_id, journal)
);

-- Reference exchange rates: units of the currency per euro, as the ECB publishes them.
CREATE TABLE exchange_rates (
    currency  text NOT NULL,
    day       date NOT NULL,
    per_eur   numeric NOT NULL CHECK (per_eur > 0),
    source    text NOT NULL,
    PRIMARY KEY (currency, day)
);
