"""runtime.inbox.TwoPhase with fakes (issue 18): the slow `prepare` runs before and outside the inbox
transaction, holding no connection; the short transaction gets its result; a duplicate skips both."""
import contextlib
import uuid

from contracts.events import SyncRequested

from runtime.inbox import Delivery, TwoPhase, apply_once

DELIVERY = Delivery("sync.requested", 0, 1)


class Connection:
    def __init__(self, db):
        self.db, self.in_transaction = db, False

    @contextlib.asynccontextmanager
    async def transaction(self):
        self.in_transaction = True
        before = set(self.db.inbox)
        try:
            yield
        except BaseException:
            self.db.inbox = before
            raise
        finally:
            self.in_transaction = False

    async def fetchval(self, sql, event_id, consumer, *topic):
        if sql.startswith("SELECT"):
            return (consumer, event_id) in self.db.inbox or None
        if (consumer, event_id) in self.db.inbox:
            return None
        self.db.inbox.add((consumer, event_id))
        return True


class Pool:
    def __init__(self):
        self.inbox, self.held = set(), 0

    @contextlib.asynccontextmanager
    async def acquire(self):
        self.held += 1
        try:
            yield Connection(self)
        finally:
            self.held -= 1


def event():
    return SyncRequested(correlation_id="c", office_id=uuid.uuid4(), dossier_id=uuid.uuid4(), reason="manual")


def handler(pool, log):
    async def prepare(p, e, deps):
        log.append(("prepare", e.event_id, pool.held))  # connections held while the slow work runs
        return f"read {e.event_id}"

    async def apply(conn, e, prepared, deps):
        log.append(("apply", prepared, conn.in_transaction))

    return TwoPhase(prepare=prepare, apply=apply)


async def test_prepare_runs_outside_the_transaction_and_apply_gets_its_result():
    pool, log, e = Pool(), [], event()
    assert await apply_once(pool, "g", DELIVERY, e, handler(pool, log)) is True
    assert log == [("prepare", e.event_id, 0), ("apply", f"read {e.event_id}", True)]
    assert ("g", e.event_id) in pool.inbox


async def test_a_duplicate_costs_no_prepare():
    pool, log, e = Pool(), [], event()
    await apply_once(pool, "g", DELIVERY, e, handler(pool, log))
    log.clear()
    assert await apply_once(pool, "g", DELIVERY, e, handler(pool, log)) is False
    assert log == []


async def test_a_failing_apply_leaves_no_inbox_row_and_the_redelivery_prepares_again():
    pool, log, e = Pool(), [], event()

    async def failing(conn, ev, prepared, deps):
        raise RuntimeError("boom")

    broken = TwoPhase(prepare=handler(pool, log).prepare, apply=failing)
    with contextlib.suppress(RuntimeError):
        await apply_once(pool, "g", DELIVERY, e, broken)
    assert pool.inbox == set()
    assert await apply_once(pool, "g", DELIVERY, e, handler(pool, log)) is True
    assert [step for step, *_ in log] == ["prepare", "prepare", "apply"]
