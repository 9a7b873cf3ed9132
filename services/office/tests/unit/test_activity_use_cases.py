"""What office consumes for the monitor (ACT-1, SYN-3, SYN-4) on the in-memory unit of work: counters, sync runs,
'accounting updated up to' after a manual sync, and the monitor's rows."""
import uuid
from datetime import date, datetime, timezone

import pytest
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import LedgerSynced, SyncRequested, SyncRun

from office.domain.office import Office
from office.domain.principals import Account
from office.handlers import activity, dossiers
from office.handlers.context import Caller, principal_for

from office_memory import MemoryUnitOfWork

ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")
AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def memory():
    uow = MemoryUnitOfWork()
    uow.offices.add(ACME)
    return uow


@pytest.fixture
async def admin(memory):
    account = memory.dossiers.add_account(Account(str(uuid.uuid4()), ACME.id, "collaborator", "ada@acme.test",
                                                  "Ada", "nl", "ADMIN", True))
    return Caller(await principal_for(memory.dossiers, account), account, ACME)


def envelope(dossier_id):
    return {"correlation_id": "test", "office_id": ACME.id, "dossier_id": dossier_id}


def synced(dossier_id, reason, up_to, outcome="succeeded"):
    run = SyncRun(run_id=uuid.uuid4(), reason=reason, started_at=AT, finished_at=AT, updated_up_to=up_to,
                  sync_status="ok" if outcome == "succeeded" else "needs_support")
    return LedgerSynced(**envelope(dossier_id), outcome=outcome, accounting_software="tryton", sync=run)


async def test_postings_count_and_a_manual_sync_moves_updated_up_to_and_republishes(memory, deps, admin):
    did = (await dossiers.create_dossier(deps, admin, {"name": "Alpha"}))["id"]
    for action in ("posted", "posted", "deleted", "posted"):
        await activity.on_booking_recorded(None, BookingRecorded(  # type: ignore[arg-type]
            **envelope(did), action=action, outcome="succeeded", accounting_software="tryton",
            proposal_id=uuid.uuid4()), deps)
    since = len(memory.published)
    await activity.on_ledger_synced(None, synced(did, "nightly", date(2026, 2, 1)), deps)  # type: ignore[arg-type]
    assert len(memory.published) == since  # a nightly run does not move the date
    await activity.on_ledger_synced(None, synced(did, "manual", date(2026, 2, 28)), deps)  # type: ignore[arg-type]
    [changed] = memory.published[since:]
    assert (str(changed.dossier_id), changed.change) == (did, "updated")
    rows = (await activity.monitor(deps, admin))["items"]
    assert [(r["name"], r["sent_to_accounting"], r["sync_status"], r["accounting_updated_up_to"]) for r in rows] == [
        ("Alpha", 2, "ok", "2026-02-28")]
    await activity.on_sync_requested(None, SyncRequested(  # type: ignore[arg-type]
        **envelope(did), reason="manual", reset_sent_counter=True), deps)
    assert (await activity.monitor(deps, admin))["items"][0]["sent_to_accounting"] == 0
