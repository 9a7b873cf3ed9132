-- Issue 17 item 1: what became of a recorded payment in the accounting software — cancelled by payments
-- (payment.cancelled: deleted there, or a cancellation noted before its approval arrived) or succeeded when the
-- bank statement line paying its invoice was imported.
ALTER TABLE payment_records DROP CONSTRAINT payment_records_state_check;
ALTER TABLE payment_records ADD CONSTRAINT payment_records_state_check
    CHECK (state IN ('recorded', 'no_booking', 'refused', 'cancelled', 'succeeded'));
ALTER TABLE payment_records ADD COLUMN outcome_at timestamptz;
