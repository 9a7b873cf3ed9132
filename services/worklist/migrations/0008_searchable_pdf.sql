-- Issue 19 item 5: the PDF with an OCR text layer recognition stored for a scan or photo (proposal.created
-- searchable_pdf_key), offered for download on the proposal screen. NULL when the document has none.
ALTER TABLE proposals ADD COLUMN IF NOT EXISTS searchable_pdf_key text;
