"""SYN-2 idempotency the hard way: the connector dies between posting in Tryton and acknowledging
the message; the redelivered proposal.validated finds the booking by its external id and books
nothing twice. And while Tryton is unreachable, a booking waits and is posted once it is back."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import uuid
from pathlib import Path

import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from runtime import kafka
from runtime.db import drop_database
from runtime.testing import read_topic, temp_topics, wait_for
from service_harness import INPUTS, activated, running
from sync_testkit import create_tryton_dossier, drop_tryton_dossier, new_code, proposal_validated, run_apart, \
    seed_dossier, settings, tryton_adapter

from sync_connector.adapters.registry import Adapters
from sync_connector.adapters.tryton.adapter import TrytonAdapter

pytestmark = pytest.mark.integration
RUNNER = Path(__file__).resolve().parents[1] / "crash_connector.py"


@pytest.fixture
def code():
    code = new_code()
    run_apart(create_tryton_dossier(code))
    yield code
    drop_tryton_dossier(code)


async def _publish(topic: str, event) -> None:
    producer = kafka.idempotent_producer(settings())
    await producer.start()
    try:
        await producer.send_and_wait(topic, serialize(event), key=str(event.dossier_id).encode(),
                                     headers=to_headers(event, source="/tests"))
    finally:
        await producer.stop()


async def _ledger(topic: str, proposal_id: uuid.UUID) -> list[dict]:
    records = await read_topic(settings(), topic, expect=10_000, timeout=2)
    return [e for e in (json.loads(r.value) for r in records) if e.get("proposal_id") == str(proposal_id)]


async def _invoices(code: str, external_id: str) -> int:
    adapter = tryton_adapter()
    try:
        rpc = await adapter.rpc(code)
        return len(await rpc.search_read("account.invoice", [("bf_external_id", "=", external_id)], ["id"]))
    finally:
        await adapter.close()


async def test_killed_between_posting_and_acknowledging_the_redelivery_books_nothing_twice(code):
    base = settings()
    async with temp_topics(base, *INPUTS, "ledger.synced", "booking.recorded") as names:
        topics = dict(zip(INPUTS, names[:len(INPUTS)]))
        ledger, bookings = names[len(INPUTS):len(INPUTS) + 2]
        env = {**os.environ, "BF_TEST_TOPICS": json.dumps(topics),
               "BF_TEST_PUBLISHES": json.dumps({"ledger.synced": ledger, "booking.recorded": bookings}),
               "BF_PG_DATABASE": f"test_sync_{uuid.uuid4().hex[:8]}", "BF_CONSUMER_GROUP": f"test-crash-{uuid.uuid4().hex[:8]}",
               "BF_SERVICE": "sync-connector"}
        office, dossier = uuid.uuid4(), uuid.uuid4()
        proposal = proposal_validated(office, dossier, period="2026-05")
        first = await asyncio.create_subprocess_exec(sys.executable, str(RUNNER),
                                                     env={**env, "BF_TEST_CRASH_AFTER_POST": "1"})
        second = None
        try:
            await _publish(topics["dossier.changed"], activated(office, dossier, code))

            async def imported():
                records = await read_topic(settings(), ledger, expect=1, timeout=2)
                return [r for r in records if json.loads(r.value)["sync"]["reason"] == "activation"]
            await wait_for(imported, timeout=60)
            await _publish(topics["proposal.validated"], proposal)
            assert await asyncio.wait_for(first.wait(), 90) == 137  # died right after Tryton posted
            assert await _invoices(code, str(proposal.proposal_id)) == 1
            assert await _ledger(bookings, proposal.proposal_id) == []  # nothing acknowledged or published

            second = await asyncio.create_subprocess_exec(sys.executable, str(RUNNER), env=env)
            events = await wait_for(lambda: _ledger(bookings, proposal.proposal_id), timeout=90)
            assert [e["outcome"] for e in events] == ["succeeded"]
            assert events[0]["booking"]["external_id"] == str(proposal.proposal_id)
            assert await _invoices(code, str(proposal.proposal_id)) == 1
        finally:
            for proc in (first, second):
                if proc is not None and proc.returncode is None:
                    proc.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(proc.wait(), 20)
                    except asyncio.TimeoutError:
                        proc.kill()
                        await proc.wait()
            await drop_database(base.dsn("postgres"), env["BF_PG_DATABASE"])


async def test_while_tryton_is_down_the_booking_waits_and_is_posted_when_it_is_back(code):
    s = settings()
    adapter = TrytonAdapter("http://127.0.0.1:9", user=s.tryton_user, password=s.tryton_password,
                            db_prefix=s.tryton_db_prefix)  # nothing listens on port 9
    office, dossier = uuid.uuid4(), uuid.uuid4()
    async with running(Adapters(fixed={("tryton", "local"): adapter})) as svc:
        await seed_dossier(svc.rt.pool, dossier, office, code=code, activated=True)
        proposal = proposal_validated(office, dossier, period="2026-06")
        await svc.publish(proposal, "proposal.validated")

        async def support_needed():
            return await svc.rt.pool.fetchval("SELECT sync_status = 'needs_support' FROM dossier_links "
                                              "WHERE dossier_id = $1", dossier)
        await wait_for(support_needed, timeout=30)
        assert await svc.bookings(1, timeout=3, proposal_id=proposal.proposal_id) == []
        assert await svc.rt.pool.fetchval("SELECT count(*) FROM inbox") == 0  # kept for redelivery, not dead-lettered

        adapter.url = s.installations()["local"]  # Tryton is back
        posted, = await svc.bookings(1, timeout=60, proposal_id=proposal.proposal_id)
        assert posted["outcome"] == "succeeded"
        assert await svc.rt.pool.fetchval("SELECT sync_status FROM dossier_links WHERE dossier_id = $1", dossier) == "ok"
