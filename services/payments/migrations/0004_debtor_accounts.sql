-- Issue 17 item 2 (PAY-2, PAY-3): the dossier's own bank accounts to pay from. Learnt from what the accounting
-- software and the bank say (ledger.synced bank transactions' account, bank_statement.imported's account) and from
-- the SEPA files made (their debtor, with its holder name and BIC); last_used_at makes the default.
CREATE TABLE debtor_accounts (
    dossier_id    uuid NOT NULL,
    iban          text NOT NULL,
    bic           text,
    name          text,
    source        text NOT NULL CHECK (source IN ('accounting', 'bank_statement', 'sepa_file')),
    seen_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    PRIMARY KEY (dossier_id, iban)
);

-- PAY-2: the account a payment is to be paid from (prefilled with the dossier's default; a SEPA file of payments
-- that all name one account is made from it, PAY-3). None for an EPC QR payment (the banking app chooses).
ALTER TABLE payments ADD COLUMN debtor_iban text, ADD COLUMN debtor_bic text, ADD COLUMN debtor_name text;
