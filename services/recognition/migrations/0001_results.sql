-- Results by file hash, so the same file is never read twice; the dossiers' own VAT numbers.
CREATE TABLE recognition_results (
    sha256             text PRIMARY KEY,
    status             text NOT NULL,
    outcome            bytea NOT NULL,          -- the domain outcome (pickled by this service only)
    invoice            jsonb,                   -- the same, as the contract's RecognizedInvoice, for people
    searchable_pdf_key text,
    recognised_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dossier_vat_numbers (
    dossier_id  uuid PRIMARY KEY,
    vat_number  text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
