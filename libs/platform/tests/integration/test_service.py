"""The shared service runner on the real stack: migrate, consume, chain through the outbox, trace, measure."""
import asyncio
import uuid

import httpx
import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.events import SyncRequested
from opentelemetry import trace
from prometheus_client import REGISTRY

from runtime import kafka, service
from runtime.config import Settings
from runtime.db import drop_database
from runtime.http import create_http_app
from runtime.outbox import enqueue
from runtime.telemetry import inject_kafka_headers, setup_tracing
from runtime.testing import read_topic, temp_topics, wait_for

pytestmark = pytest.mark.integration


def sync_request(**extra) -> SyncRequested:
    return SyncRequested.model_validate({
        "correlation_id": "svc-test", "office_id": str(uuid.uuid4()), "dossier_id": str(uuid.uuid4()),
        "reason": "manual", **extra,
    })


async def test_service_applies_chains_traces_and_reports_metrics(tmp_path):
    setup_tracing("svc-test")
    (tmp_path / "0001_seen.sql").write_text("CREATE TABLE seen (event_id uuid PRIMARY KEY, reason text);")
    base = Settings()
    async with temp_topics(base, "sync.requested", "sync.followup") as (inbound, outbound):

        async def handle(conn, event, _deps):  # the one handler shape (no deps here: None)
            await conn.execute("INSERT INTO seen VALUES ($1, $2)", event.event_id, event.reason)
            await enqueue(conn, sync_request(reason="full"), source="svc-test", topic=outbound)

        spec = service.ServiceSpec(
            name="svc-test", migrations=tmp_path, handlers={inbound: handle},
            topic_contracts={inbound: "sync.requested"},
        )
        settings = Settings(service="svc-test", pg_database=f"test_svc_{uuid.uuid4().hex[:8]}")
        rt = await service.start(spec, settings)
        try:
            producer = kafka.idempotent_producer(settings)
            await producer.start()
            with trace.get_tracer("test").start_as_current_span("upload") as span:
                trace_id = f"{span.get_span_context().trace_id:032x}"
                event = sync_request()
                headers = inject_kafka_headers(to_headers(event, source="/services/test"))
                await producer.send_and_wait(inbound, serialize(event), key=b"k", headers=headers)
            await producer.stop()

            async def seen():
                return await rt.pool.fetchval("SELECT count(*) FROM seen") == 1
            await wait_for(seen)
            (followup,) = await read_topic(settings, outbound, expect=1)
            traceparent = dict(followup.headers)["traceparent"].decode()
            assert traceparent.split("-")[1] == trace_id, "the trace follows the document across topics"

            # the relay empties the gauge once the broker acknowledged the send and the row is marked: a moment
            # after a consumer may already have read the event
            async def published():
                return REGISTRY.get_sample_value("bf_outbox_backlog", {"service": "svc-test"}) == 0
            await wait_for(published)

            app = create_http_app("svc-test", settings=settings)
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
                text = (await client.get("/metrics")).text
            assert f'bf_handler_latency_seconds_count{{outcome="ok",service="svc-test",topic="{inbound}"}} 1.0' in text
            assert 'bf_outbox_backlog{service="svc-test"} 0.0' in text
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)
