"""The active-clients monitor and what office consumes for it (ACT-1, SYN-3, SYN-4)."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from contracts.codec import deserialize
from contracts.events.bookings import BookingRecorded
from contracts.events.documents import DocumentReceived
from contracts.events.ledger import LedgerSynced, SyncRequested, SyncRun
from runtime.inbox import Delivery, apply_once

from office.bootstrap import SPEC
from office.domain.office import Office
from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"
NOW = datetime.now(timezone.utc)


@pytest.fixture
async def setup(client, deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    tokens = (await client.post("/auth/login", json={"email": "admin@acme.test", "password": PW})).json()
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    ids = [(await client.post("/dossiers", json={"name": n}, headers=h)).json()["id"] for n in ("Alpha", "Beta")]
    return office, h, ids


def _envelope(office: Office, dossier_id: str) -> dict:
    return {"correlation_id": "test", "office_id": office.id, "dossier_id": dossier_id}


async def _apply(deps, topic: str, event, offset: int) -> bool:
    return await apply_once(deps.pool, "bf-office", Delivery(topic, 0, offset), event, SPEC.handlers[topic], deps)


def _sync(office, dossier_id, *, reason, up_to, status="ok", outcome="succeeded", at=NOW) -> LedgerSynced:
    run = SyncRun(run_id=uuid.uuid4(), reason=reason, started_at=at, finished_at=at, updated_up_to=up_to,
                  sync_status=status)
    return LedgerSynced(**_envelope(office, dossier_id), outcome=outcome, accounting_software="tryton", sync=run)


async def test_the_monitor_counts_documents_postings_and_shows_the_sync_status(client, deps, setup):
    office, h, (alpha, beta) = setup
    doc = {"source": "portal", "mailbox": "purchases", "filename": "a.pdf", "content_type": "application/pdf",
           "size_bytes": 1, "sha256": "0" * 64, "storage_key": "originals/a.pdf"}
    received = DocumentReceived(**_envelope(office, alpha), document_id=uuid.uuid4(), **doc)
    assert await _apply(deps, "document.received", received, 1)
    assert not await _apply(deps, "document.received", received, 1)  # redelivery changes nothing
    for offset, outcome in ((2, "succeeded"), (3, "succeeded"), (7, "failed")):  # a refused posting is not sent
        posted = BookingRecorded(**_envelope(office, alpha), action="posted", outcome=outcome,
                                 accounting_software="tryton", proposal_id=uuid.uuid4())
        await _apply(deps, "booking.recorded", posted, offset)
    await _apply(deps, "ledger.synced", _sync(office, beta, reason="nightly", up_to=None, status="needs_collaborator"), 4)
    body = (await client.get("/monitor", headers=h)).json()
    rows = {r["name"]: r for r in body["items"]}
    assert (rows["Alpha"]["documents_received"], rows["Alpha"]["sent_to_accounting"]) == (1, 2)
    assert rows["Alpha"]["last_document_at"] is not None and rows["Beta"]["sync_status"] == "needs_collaborator"
    assert all(c["explanation"] for c in body["columns"])
    failed = _sync(office, alpha, reason="activation", up_to=None, status="needs_collaborator", outcome="failed")
    await _apply(deps, "ledger.synced", failed.model_copy(update={"error_reason": "no Tryton database 'x'"}), 6)
    rows = {r["name"]: r for r in (await client.get("/monitor", headers=h)).json()["items"]}
    assert rows["Alpha"]["sync_status"] == "needs_collaborator", "a failed run keeps who must act"
    assert "no Tryton database" in rows["Alpha"]["sync_error"]
    reset = SyncRequested(**_envelope(office, alpha), reason="manual", reset_sent_counter=True)
    await _apply(deps, "sync.requested", reset, 5)
    rows = {r["name"]: r for r in (await client.get("/monitor", headers=h)).json()["items"]}
    assert rows["Alpha"]["sent_to_accounting"] == 0


async def test_a_manual_sync_moves_updated_up_to_and_a_nightly_one_does_not(client, deps, setup):
    """SYN-3: nightly sync leaves 'accounting updated up to'; SYN-4: manual sync sets it and republishes."""
    office, h, (alpha, _) = setup
    await _apply(deps, "ledger.synced", _sync(office, alpha, reason="nightly", up_to=date(2025, 1, 31)), 1)
    assert (await client.get(f"/dossiers/{alpha}", headers=h)).json()["accounting_updated_up_to"] is None
    await _apply(deps, "ledger.synced", _sync(office, alpha, reason="manual", up_to=date(2025, 3, 31),
                                              at=NOW + timedelta(seconds=1)), 2)
    assert (await client.get(f"/dossiers/{alpha}", headers=h)).json()["accounting_updated_up_to"] == "2025-03-31"
    async with deps.pool.acquire() as conn:
        row = await conn.fetchrow("SELECT topic, payload FROM outbox ORDER BY id DESC LIMIT 1")
    event = deserialize(row["topic"], bytes(row["payload"]))
    assert event.change == "updated" and event.dossier.accounting_updated_up_to == date(2025, 3, 31)


async def test_the_monitor_sorts_in_three_states_and_filters_my_dossiers(client, deps, setup):
    """ACT-1: 3-state sorting; "my dossiers" keeps assigned and client-group ones."""
    office, h, (alpha, beta) = setup
    await client.patch(f"/dossiers/{beta}", json={"accounting_updated_up_to": "2025-01-31"}, headers=h)

    async def names(**params):
        body = (await client.get("/monitor", params=params, headers=h)).json()
        return [r["name"] for r in body["items"]]

    assert await names() == ["Alpha", "Beta"]
    assert await names(sort="name", order="desc") == ["Beta", "Alpha"]
    assert await names(sort="accounting_updated_up_to", order="asc") == ["Beta", "Alpha"]  # empty values last
    assert await names(mine="true") == []  # an ADMIN reaches all, but none is assigned to them
    me = (await client.get("/me", headers=h)).json()["user"]["id"]
    await client.put(f"/dossiers/{alpha}/assignments", json={"collaborators": [{"collaborator_id": me}]}, headers=h)
    assert await names(mine="true") == ["Alpha"]
    bad = await client.get("/monitor", params={"sort": "help_requests"}, headers=h)
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "sort"
