"""The worklist service on the real Kafka and Postgres: proposal.created stored exactly once under redelivery,
send → proposal.validated through the outbox, booking.recorded failed → rejected with the reason, corrected and
re-sent, posted → booked, delete of the booked entry → proposal.withdrawn (WL-3, WL-4, WL-11, SYN-6)."""
from __future__ import annotations

import json
import uuid

import httpx
import pytest
from contracts.events.bookings import BookingRecorded
from runtime import service
from runtime.auth.tokens import TokenVerifier
from runtime.db import drop_database
from runtime.service import http_app
from runtime.testing import on_test_topics, publish_events, read_topic, temp_topics, wait_for

from worklist.bootstrap import SPEC
from worklist.config import WorklistSettings
from worklist.handlers.context import Deps

from worklist_testkit import World, dossier_changed, master_data, new_issuer, principals, proposal_created

pytestmark = pytest.mark.integration
CONSUMED = ("dossier.changed", "proposal.created", "ledger.synced", "booking.recorded", "document.received")




async def _published(settings, topic: str, proposal_id, expect: int) -> list[dict]:
    async def found():
        records = await read_topic(settings, topic, expect=100_000, timeout=3)
        mine = [json.loads(r.value) for r in records if json.loads(r.value).get("proposal_id") == str(proposal_id)]
        return mine if len(mine) >= expect else None
    return await wait_for(found, timeout=40)


def _booking(world, proposal_id, ok: bool, action: str = "posted", reason: str | None = None) -> BookingRecorded:
    return BookingRecorded.model_validate({
        "correlation_id": "it", "office_id": world.office, "dossier_id": world.own, "action": action,
        "outcome": "succeeded" if ok else "failed", "error_reason": reason, "accounting_software": "tryton",
        "proposal_id": str(proposal_id),
        "booking": {"reference": "account.move,77", "journal": {"code": "ACH", "type": "purchases"},
                    "period": {"code": "2025-03", "start_date": "2025-03-01", "end_date": "2025-03-31"},
                    "booking_date": "2025-03-12", "total": "121.00"} if ok else None})


async def test_proposal_lifecycle_over_kafka():
    world = World(issuer=new_issuer())
    world.principals = principals(world)
    token = world.issuer.issue(world.principals["COLLABORATOR"], extra_claims={"name": "Colette"})
    h = {"authorization": f"Bearer {token}"}
    base = WorklistSettings()
    async with temp_topics(base, *CONSUMED) as topics:
        names = dict(zip(CONSUMED, topics))
        spec = on_test_topics(SPEC, {names[t]: t for t in CONSUMED})
        settings = WorklistSettings(pg_database=f"test_worklist_{uuid.uuid4().hex[:8]}")
        rt = await service.start(spec, settings)
        try:
            app = http_app(SPEC, settings, Deps(pool=rt.pool, settings=settings),
                           token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
            client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worklist")
            await publish_events(settings, names["dossier.changed"], dossier_changed(world.office, world.own))
            await publish_events(settings, names["ledger.synced"], master_data(world.office, world.own))
            created = proposal_created(world.office, world.own)
            again = created.model_copy(update={"event_id": uuid.uuid4(), "invoice_number": "OVERWRITE?"})
            await publish_events(settings, names["proposal.created"], created, created)  # redelivered as is
            url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"

            async def stored():
                return (await client.get(url, headers=h)).status_code == 200
            await wait_for(stored)
            edited = await client.patch(url, headers=h, json={"comment": "via kafka", "review": True})
            assert edited.json()["proposal"]["status"] == "validated"
            await publish_events(settings, names["proposal.created"], again)  # a later event for a touched proposal

            async def consumed_again():
                return await rt.pool.fetchval("SELECT count(*) FROM inbox WHERE event_id = $1", again.event_id)
            await wait_for(consumed_again)
            shown = (await client.get(url, headers=h)).json()
            assert shown["invoice_number"] == created.invoice_number and shown["version"] == 2
            assert await rt.pool.fetchval("SELECT count(*) FROM proposals") == 1

            sent = await client.post(f"/dossiers/{world.own}/proposals/send", headers=h,
                                     json={"proposal_ids": [str(created.proposal_id)]})
            assert sent.json()["done"] == [str(created.proposal_id)]
            [validated] = await _published(settings, "proposal.validated", created.proposal_id, 1)
            assert validated["status"] == "validated" and validated["comment"] == "via kafka"
            assert validated["validated_by"]["name"] == "Colette"

            await publish_events(settings, names["booking.recorded"],
                           _booking(world, created.proposal_id, ok=False, reason="account 604000 is blocked"))

            async def rejected():
                body = (await client.get(url, headers=h)).json()
                return body if body["status"] == "rejected" else None
            assert (await wait_for(rejected))["rejection_reason"] == "account 604000 is blocked"
            await client.post(f"/dossiers/{world.own}/proposals/send", headers=h,
                              json={"proposal_ids": [str(created.proposal_id)]})
            both = await _published(settings, "proposal.validated", created.proposal_id, 2)
            assert len({e["event_id"] for e in both}) == 2

            await publish_events(settings, names["booking.recorded"], _booking(world, created.proposal_id, ok=True))

            async def booked():
                body = (await client.get(url, headers=h)).json()
                return body if body["status"] == "booked" else None
            assert (await wait_for(booked))["booking_reference"] == "account.move,77"

            deleted = await client.request("DELETE", url, headers=h, json={"reason": "booked twice"})
            assert deleted.status_code == 202
            [withdrawn] = await _published(settings, "proposal.withdrawn", created.proposal_id, 1)
            assert withdrawn["booking_reference"] == "account.move,77" and withdrawn["reason"] == "booked twice"
            await publish_events(settings, names["booking.recorded"], _booking(world, created.proposal_id, ok=True, action="deleted"))

            async def gone():
                return (await client.get(url, headers=h)).status_code == 404
            await wait_for(gone)
            await client.aclose()
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)
