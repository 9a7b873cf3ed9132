"""An object store unreachable for longer than the retry window is waited out, never a reason to dead-letter.

Issue 18: with the store stopped about 40 s, recognition tried a document 3 times in 3 seconds and
dead-lettered it (`StorageError ... Connection refused`); it never got a proposal. Here a consumer
reads each event's file from the real object store through a gate the test closes (connection
refused, as from a stopped store) for longer than the attempts of a failing handler take; the
message must be applied once the store is back, and nothing must reach the dead-letter topic.
"""
import asyncio
import contextlib
import uuid

import asyncpg
import pytest
from contracts.envelope import Event
from prometheus_client import REGISTRY

from runtime import kafka
from runtime.config import Settings
from runtime.consumer import EventConsumer
from runtime.db import create_pool
from runtime.storage import ObjectStore
from runtime.subscriptions import bind
from runtime.testing import read_topic, temp_topics, wait_for
from tests.reliability.gate import Gate
from tests.reliability.test_dead_letters import publish, valid
from tests.reliability.test_outbox_inbox import _count_is, scalar
from tests.skeleton import receiver

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SERVICE = "skeleton-reader"
OUTAGE_S = 12.0  # a failing handler's 3 attempts take about 4 s against a refused store


def reading_handler(store: ObjectStore, key: str):
    """Reads the event's file from the store, then records the event (an unreachable store raises)."""

    async def apply(conn: asyncpg.Connection, event: Event, _deps: object) -> None:
        content = await store.get_bytes(key)
        await conn.execute("INSERT INTO applied_log VALUES ($1, $2, $3)", event.event_id, event.dossier_id,
                           content.decode())

    return apply


@contextlib.asynccontextmanager
async def running_reader(settings: Settings, dsn: str, topic: str, store: ObjectStore, key: str):
    pool = await create_pool(dsn)
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    broker = kafka.broker(settings)
    consumer = EventConsumer(pool, producer, service=SERVICE, name=f"g-{topic}",
                             handlers={topic: reading_handler(store, key)},
                             contract_of=lambda _topic: "dossier.changed", attempts=3, backoff_s=0.05)
    bind(broker, consumer, retry_pause_s=0.5)
    await broker.start()
    try:
        yield
    finally:
        await broker.stop()
        await producer.stop()
        await pool.close()


def waiting_on_store() -> float:
    return REGISTRY.get_sample_value("bf_dependency_waiting", {"service": SERVICE, "dependency": "object store"}) or 0


async def test_unreachable_store_is_waited_out_and_the_message_applied_not_dead_lettered(settings, receiver_db):
    stored = await ObjectStore.from_settings(settings).put_bytes(f"invoice {uuid.uuid4()}".encode(), "text/plain")
    gate = Gate(settings.s3_endpoint)  # closed: the store is unreachable for this consumer
    through_gate = ObjectStore(gate.endpoint, settings.s3_access_key, settings.s3_secret_key, settings.s3_bucket,
                               region=settings.s3_region)
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await publish(settings, topic, valid("needs-its-file", 1))
        await receiver.prepare(receiver_db)
        async with running_reader(settings, receiver_db, topic, through_gate, stored.key):
            await asyncio.sleep(OUTAGE_S)
            assert await scalar(receiver_db, "SELECT count(*) FROM applied_log") == 0
            assert waiting_on_store() == 1, "the consumer says it is waiting on the object store"
            await gate.open()  # the store is back
            try:
                await wait_for(lambda: _count_is(receiver_db, "applied_log", 1), timeout=60)
            finally:
                await gate.close()
            assert waiting_on_store() == 0
        dead = await read_topic(settings, f"{topic}.dlq", expect=1, timeout=3)
    assert dead == [], "an outage of the store must not dead-letter the message"
    assert (await scalar(receiver_db, "SELECT name FROM applied_log")).startswith("invoice ")
    assert await scalar(receiver_db, "SELECT count(*) FROM inbox") == 1
