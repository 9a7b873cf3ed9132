-- Scale (issue 16 item 5): the replica keeps, incrementally, what the dashboard and the reports add up: per dossier
-- and month the debit and credit of each account (and period), each counterparty's turnover (70) and charges
-- (60-64), and
-- the number of entries the booking factory posted. A trigger on entries subtracts a row's old lines and adds its
-- new ones in the same transaction as the write, so the totals never differ from the entries (ledger.synced parts
-- in any order, tombstones and redeliveries included: whatever the entries table ends up holding).
CREATE TABLE ledger_month_accounts (
    dossier_id   uuid NOT NULL,
    month        date NOT NULL,
    period_code  text NOT NULL,
    account      text NOT NULL,
    debit        numeric(18, 2) NOT NULL DEFAULT 0,
    credit       numeric(18, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (dossier_id, month, period_code, account)
);

CREATE TABLE ledger_month_parties (
    dossier_id    uuid NOT NULL,
    month         date NOT NULL,
    counterparty  text NOT NULL,
    turnover      numeric(18, 2) NOT NULL DEFAULT 0,  -- credit − debit on 70
    charges       numeric(18, 2) NOT NULL DEFAULT 0,  -- debit − credit on 60..64
    PRIMARY KEY (dossier_id, month, counterparty)
);

CREATE TABLE ledger_month_documents (
    dossier_id   uuid NOT NULL,
    month        date NOT NULL,
    period_code  text NOT NULL,
    documents    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (dossier_id, month, period_code)
);

CREATE FUNCTION ledger_month_add(e entries, sign integer) RETURNS void AS $$
DECLARE
    m date := date_trunc('month', e.booking_date)::date;
BEGIN
    INSERT INTO ledger_month_accounts AS t (dossier_id, month, period_code, account, debit, credit)
    SELECT e.dossier_id, m, e.period_code, l->>'account', sign * sum(coalesce((l->>'debit')::numeric, 0)),
           sign * sum(coalesce((l->>'credit')::numeric, 0))
    FROM jsonb_array_elements(e.lines) l WHERE l->>'account' IS NOT NULL GROUP BY l->>'account'
    ON CONFLICT (dossier_id, month, period_code, account)
    DO UPDATE SET debit = t.debit + EXCLUDED.debit, credit = t.credit + EXCLUDED.credit;
    IF e.counterparty_reference IS NOT NULL THEN
        INSERT INTO ledger_month_parties AS t (dossier_id, month, counterparty, turnover, charges)
        SELECT e.dossier_id, m, e.counterparty_reference,
               sign * coalesce(sum(coalesce((l->>'credit')::numeric, 0) - coalesce((l->>'debit')::numeric, 0))
                               FILTER (WHERE l->>'account' LIKE '70%'), 0),
               sign * coalesce(sum(coalesce((l->>'debit')::numeric, 0) - coalesce((l->>'credit')::numeric, 0))
                               FILTER (WHERE left(l->>'account', 2) IN ('60', '61', '62', '63', '64')), 0)
        FROM jsonb_array_elements(e.lines) l
        HAVING count(*) FILTER (WHERE l->>'account' LIKE '70%' OR left(l->>'account', 2) IN ('60', '61', '62', '63',
                                                                                            '64')) > 0
        ON CONFLICT (dossier_id, month, counterparty)
        DO UPDATE SET turnover = t.turnover + EXCLUDED.turnover, charges = t.charges + EXCLUDED.charges;
    END IF;
    IF e.external_id IS NOT NULL THEN
        INSERT INTO ledger_month_documents AS t (dossier_id, month, period_code, documents)
        VALUES (e.dossier_id, m, e.period_code, sign)
        ON CONFLICT (dossier_id, month, period_code) DO UPDATE SET documents = t.documents + EXCLUDED.documents;
    END IF;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_month_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM ledger_month_add(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM ledger_month_add(NEW, 1);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- the entries already replicated, then every write from now on
SELECT ledger_month_add(e, 1) FROM entries e;
CREATE TRIGGER entries_month_totals AFTER INSERT OR UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION ledger_month_totals();
