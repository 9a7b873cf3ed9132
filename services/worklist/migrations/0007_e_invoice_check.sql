-- Issue 19 item 5: the verdict of the XSD and EN 16931 / Peppol schematron checks of a structured e-invoice
-- (proposal.created e_invoice_check: {valid, errors, warnings, rulesets}), kept with the proposal and shown on its
-- screen. NULL for documents that are not structured e-invoices, and for proposals stored before.
ALTER TABLE proposals ADD COLUMN IF NOT EXISTS e_invoice_check jsonb;
