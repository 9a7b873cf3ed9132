-- issue 15 item 11 (PAY-2): a payable document prefills a payment only with reviewed values, those of
-- proposal.validated (sent from the worklist); proposal.created's recognition is not trusted for it
ALTER TABLE payable_documents ADD COLUMN reviewed boolean NOT NULL DEFAULT false;
CREATE INDEX payable_documents_to_pay ON payable_documents (dossier_id) WHERE reviewed AND NOT paid;
