-- Issue 17 item 1: a cancelled payment no longer puts its invoice "payment in progress" (PAY-7). payment.cancelled
-- and payment.approved travel on different topics, so a cancellation may come first: it is kept (with the time)
-- and the approval that follows changes nothing.
ALTER TABLE payments_in_progress ADD COLUMN cancelled_at timestamptz;
