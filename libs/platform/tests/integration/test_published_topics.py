"""Published topics are the registry's; only a test maps them to its own, through the runtime (issue 19 item 1):
handlers enqueue with no topic, the outbox row names the contract topic, the relay sends it where the spec says."""
import asyncio
import uuid

import asyncpg
import pytest
from contracts.codec import deserialize
from contracts.events import SyncRequested

from runtime import service
from runtime.db import drop_database
from runtime.outbox import enqueue
from runtime.relay import OutboxRelay
from runtime.testing import on_test_topics, read_topic, temp_topics

pytestmark = pytest.mark.integration
SPEC = service.ServiceSpec(name="publisher")  # a production spec: it names no topic of its own


class Recording:
    """A producer that accepts every send and remembers where it went."""

    def __init__(self) -> None:
        self.topics: list[str] = []

    async def send(self, topic, value, key=None, headers=None):
        self.topics.append(topic)
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


def _request() -> SyncRequested:
    return SyncRequested.model_validate({"correlation_id": "published-topics", "office_id": str(uuid.uuid4()),
                                         "dossier_id": str(uuid.uuid4()), "reason": "manual"})


async def _publish_one(dsn: str, topics) -> list[str]:
    """One sync.requested enqueued as a handler does (no topic named), sent by a relay given `topics`."""
    producer = Recording()
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await enqueue(conn, _request(), source="publisher")
        assert await conn.fetchval("SELECT topic FROM outbox") == "sync.requested", "the row names the contract"
        assert await OutboxRelay(dsn, producer, service="publisher", topics=topics).publish_batch(conn) == 1
    finally:
        await conn.close()
    return producer.topics


async def test_without_a_test_mapping_the_event_goes_to_the_registry_topic(dsn):
    assert await _publish_one(dsn, SPEC.published_topics) == ["sync.requested"]


async def test_under_a_test_mapping_the_relay_sends_to_the_tests_topic(dsn):
    spec = on_test_topics(SPEC, {}, publishes={"sync.requested": "test.sync.requested.mapped"})
    assert await _publish_one(dsn, spec.published_topics) == ["test.sync.requested.mapped"]
    assert SPEC.published_topics == {}, "the production spec is left as it is"


async def test_a_running_service_on_test_topics_publishes_to_the_tests_topic(settings):
    """Through runtime.service.start on the real Kafka: the event arrives on the test's topic, as enqueued."""
    async with temp_topics(settings, "sync.requested") as (physical,):
        spec = on_test_topics(SPEC, {}, publishes={"sync.requested": physical}, name="publisher-it")
        running = settings.model_copy(update={"pg_database": f"test_pub_{uuid.uuid4().hex[:8]}"})
        rt = await service.start(spec, running)
        try:
            event = _request()
            async with rt.pool.acquire() as conn, conn.transaction():
                await enqueue(conn, event, source="publisher")
            (record,) = await read_topic(running, physical, expect=1)
            assert deserialize("sync.requested", record.value).event_id == event.event_id
            assert await rt.pool.fetchval("SELECT topic FROM outbox") == "sync.requested"
        finally:
            await service.stop(rt)
            await drop_database(running.dsn("postgres"), running.database)
