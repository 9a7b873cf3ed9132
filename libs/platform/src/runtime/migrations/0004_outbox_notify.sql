-- The outbox wakes its relay itself: one NOTIFY per statement that writes outbox rows, delivered at commit
-- (a rolled-back row wakes nobody). Writers no longer send a NOTIFY of their own: one round trip less per
-- event, and every writer of the table (runtime.outbox.enqueue, a service's own outbox write) wakes the relay.
CREATE FUNCTION bf_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bf_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION bf_outbox_notify();
