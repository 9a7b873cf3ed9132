-- Issue 19 item 5 (DESIGN "the verdict is kept with the document"): the verdict of the XSD and EN 16931 / Peppol
-- schematron checks of a structured e-invoice (document.recognized invoice.validation: {valid, errors, warnings,
-- rulesets}) on the document's archive card. NULL for documents that are not structured e-invoices.
ALTER TABLE archive_documents ADD COLUMN IF NOT EXISTS e_invoice_check jsonb;
