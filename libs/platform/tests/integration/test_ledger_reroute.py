"""A ledger.synced v1 posting outcome still unread at an upgrade, on the real stack (issue 19 item 5): a service that
handles booking.recorded only (as ingest does) reads ledger.synced too, applies the posting once as a booking.recorded
(a redelivery is a duplicate) and skips what ledger.synced v2 carries."""
import json
import uuid
from pathlib import Path

import pytest
from contracts.cloudevents import ce_type
from contracts.events import LedgerSynced
from contracts.examples import example_events
from prometheus_client import REGISTRY

from runtime import kafka, service
from runtime.config import Settings
from runtime.db import drop_database
from runtime.testing import publish_events, temp_topics, wait_for

pytestmark = pytest.mark.integration

V1 = json.loads((Path(__file__).resolve().parents[3] / "contracts/schemas/ledger.synced.v1.json").read_text())[
    "examples"][0]


def _count(topic: str, outcome: str) -> float:
    labels = {"service": "reroute-test", "topic": topic, "outcome": outcome}
    return REGISTRY.get_sample_value("bf_handler_latency_seconds_count", labels) or 0.0


async def test_a_v1_posting_on_ledger_synced_reaches_a_booking_only_service_once(tmp_path):
    (tmp_path / "0001_booked.sql").write_text(
        "CREATE TABLE booked (event_id uuid PRIMARY KEY, proposal_id uuid, action text);")
    base = Settings()
    async with temp_topics(base, "ledger.synced", "booking.recorded") as (ledger, booking):

        async def on_booking(conn, event, _deps):
            await conn.execute("INSERT INTO booked VALUES ($1, $2, $3)", event.event_id, event.proposal_id,
                               event.action)

        spec = service.ServiceSpec(name="reroute-test", migrations=tmp_path, handlers={booking: on_booking},
                                   topic_contracts={booking: "booking.recorded", ledger: "ledger.synced"})
        settings = Settings(service="reroute-test", pg_database=f"test_reroute_{uuid.uuid4().hex[:8]}")
        rt = await service.start(spec, settings)
        try:
            v1 = {**V1, "event_id": str(uuid.uuid4()), "proposal_id": str(uuid.uuid4())}
            headers = [("ce_specversion", b"1.0"), ("ce_id", v1["event_id"].encode()),
                       ("ce_source", b"/services/sync-connector"), ("ce_type", ce_type("ledger.synced", 1).encode())]
            producer = kafka.idempotent_producer(settings)
            await producer.start()
            try:
                for _ in range(2):  # the second is a redelivery of the same message
                    await producer.send_and_wait(ledger, json.dumps(v1).encode(), key=v1["dossier_id"].encode(),
                                                 headers=headers)
            finally:
                await producer.stop()
            run = example_events()["ledger.synced"]
            await publish_events(settings, ledger, LedgerSynced.model_validate(
                {**run.model_dump(), "event_id": uuid.uuid4()}))
            native = example_events()["booking.recorded"].model_copy(update={"event_id": uuid.uuid4()})
            await publish_events(settings, booking, native)

            async def settled():
                return _count(ledger, "ok") + _count(ledger, "duplicate") + _count(ledger, "skipped") == 3 \
                    and _count(booking, "ok") == 1
            await wait_for(settled)
            rows = await rt.pool.fetch("SELECT event_id, proposal_id, action FROM booked ORDER BY action")
            assert {(str(r["event_id"]), str(r["proposal_id"])) for r in rows} == {
                (v1["event_id"], v1["proposal_id"]), (str(native.event_id), str(native.proposal_id))}
            assert (_count(ledger, "ok"), _count(ledger, "duplicate"), _count(ledger, "skipped")) == (1, 1, 1)
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)
