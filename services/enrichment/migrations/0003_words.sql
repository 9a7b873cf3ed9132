-- ENR-2 words: what a document was about (the words of its line descriptions and counterparty name), kept with
-- our proposal and with the final booking it became, so that the dossier's bookings sharing those words can
-- propose an account and VAT code for a counterparty without history. A deleted booking takes its words along.
ALTER TABLE proposals ADD COLUMN words text[] NOT NULL DEFAULT '{}';
ALTER TABLE bookings ADD COLUMN words text[] NOT NULL DEFAULT '{}';
CREATE INDEX bookings_words ON bookings USING gin (words);
