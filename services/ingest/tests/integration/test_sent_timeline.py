"""ING-9 / issue 15 item 5: a client follows each sent document until it is booked — GET /sent lists every sent
document with its state (processing → at_office → booked; refused while the office corrects a refused posting)
and the dates it reached each, filterable by state."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from contracts.events.bookings import BookingRecorded
from contracts.events.proposals import ProposalCreated

from ingest.handlers.events import on_booking_recorded, on_proposal_created

from ingest_testkit import pdf_bytes, upload

pytestmark = pytest.mark.integration
AT = {n: datetime(2026, 11, n, 9, 0, tzinfo=timezone.utc) for n in (2, 3, 4)}


async def test_sent_documents_follow_their_way_to_the_books(client, world, pool):
    h = world.headers("DOCUMENT_PROCESSING")
    docs = (await upload(client, world, "DOCUMENT_PROCESSING", "purchases", None, ("a.pdf", pdf_bytes(1)),
                         ("b.pdf", pdf_bytes(2)), ("kept.pdf", pdf_bytes(3)))).json()["documents"]
    a, b = docs[0]["id"], docs[1]["id"]
    sent = await client.post(f"/dossiers/{world.own}/send", json={"document_ids": [a, b]}, headers=h)
    assert sent.status_code == 200

    def synced(outcome: str, at: datetime) -> BookingRecorded:
        return BookingRecorded(correlation_id="t", office_id=world.office, dossier_id=world.own, action="posted",
                               outcome=outcome, accounting_software="tryton", document_id=a, proposal_id=uuid.uuid4(),
                               error_code="TotalsDiffer" if outcome == "failed" else None, occurred_at=at)

    async def states(**params) -> dict[str, dict]:
        answer = await client.get(f"/dossiers/{world.own}/sent", params=params, headers=h)
        assert answer.status_code == 200, answer.text
        return {d["id"]: d for d in answer.json()["items"]}

    listed = await states()
    assert {d["state"] for d in listed.values()} == {"processing"} and set(listed) == {a, b}  # not the unsent one
    assert listed[a]["sent_at"] and listed[a]["processed_at"] is None
    async with pool.acquire() as conn:
        await on_proposal_created(conn, ProposalCreated.model_construct(document_id=uuid.UUID(a), occurred_at=AT[2]))
        assert (await states())[a]["state"] == "at_office"
        await on_booking_recorded(conn, synced("failed", AT[3]))
        refused = (await states(state="refused"))[a]
        assert refused["state"] == "refused" and refused["refusal_code"] == "TotalsDiffer"
        await on_booking_recorded(conn, synced("succeeded", AT[4]))
    booked = await states(state="booked")
    assert list(booked) == [a] and booked[a]["booked_at"].startswith("2026-11-04")
    assert booked[a]["processed_at"].startswith("2026-11-02") and booked[a]["refused_at"] is None
    assert list(await states(state="processing")) == [b] and await states(state="refused") == {}
    assert (await client.get(f"/dossiers/{world.own}/sent?state=lost", headers=h)).status_code == 422
    delivery = world.headers("DOCUMENT_DELIVERY")  # uploads only: may not list documents (matrix document.view)
    assert (await client.get(f"/dossiers/{world.own}/sent", headers=delivery)).status_code == 403
