"""A database that goes away under a running consumer is waited out: the message is applied once, not dead-lettered.

The consumer's pool reaches the real Postgres through a gate the test closes (open connections cut,
new ones refused, as when PostgreSQL is stopped) while a message arrives, for longer than a failing
handler's attempts take; the shared Postgres itself is not stopped.
"""
import asyncio
import uuid
from urllib.parse import urlsplit

import pytest
from prometheus_client import REGISTRY

from runtime.storage import ObjectStore
from runtime.testing import read_topic, temp_topics, wait_for
from tests.reliability.gate import Gate
from tests.reliability.test_dead_letters import publish, valid
from tests.reliability.test_outbox_inbox import _count_is, scalar
from tests.reliability.test_storage_outage import OUTAGE_S, SERVICE, running_reader
from tests.skeleton import receiver

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def through(gate: Gate, dsn: str) -> str:
    """The same DSN, reaching the database through the gate."""
    parts = urlsplit(dsn)
    return parts._replace(netloc=f"{parts.netloc.rsplit('@', 1)[0]}@{gate.endpoint}").geturl()


async def test_database_gone_under_a_consumer_is_waited_out_and_the_message_applied_once(settings, receiver_db):
    stored = await ObjectStore.from_settings(settings).put_bytes(f"invoice {uuid.uuid4()}".encode(), "text/plain")
    gate = Gate(f"{settings.pg_host}:{settings.pg_port}")
    await gate.open()
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await receiver.prepare(receiver_db)
        async with running_reader(settings, through(gate, receiver_db), topic, ObjectStore.from_settings(settings),
                                  stored.key):
            await gate.close()  # PostgreSQL "stopped": pooled connections cut, new ones refused
            await publish(settings, topic, valid("arrives-during-the-outage", 1))
            await asyncio.sleep(OUTAGE_S)
            assert REGISTRY.get_sample_value("bf_dependency_waiting", {"service": SERVICE, "dependency": "database"}) == 1
            await gate.open()
            try:
                await wait_for(lambda: _count_is(receiver_db, "applied_log", 1), timeout=60)
            finally:
                await gate.close()
        dead = await read_topic(settings, f"{topic}.dlq", expect=1, timeout=3)
    assert dead == [], "an outage of the database must not dead-letter the message"
    assert await scalar(receiver_db, "SELECT count(*) FROM inbox") == 1
