-- Issue 15 item 1: a refusal of the accounting software as a code with its values (ledger.synced error_code and
-- error_params), so the portal says it in the reader's language; rejection_reason keeps the software's words.
ALTER TABLE proposals ADD COLUMN rejection_code text, ADD COLUMN rejection_params jsonb;
