"""The outbox relay outlives a broker outage: it waits and publishes, it does not die with its service's events.

A producer that raises aiokafka's own timeout (what a send does once the broker has been away longer
than the request timeout) stands in for the broker, on the real Postgres.
"""
import asyncio
import uuid

import asyncpg
import pytest
from aiokafka.errors import KafkaTimeoutError
from contracts.events import DossierChanged

from runtime.outage import Backoff
from runtime.outbox import enqueue
from runtime.relay import OutboxRelay
from runtime.testing import wait_for

pytestmark = pytest.mark.integration


class BrokerDownFor:
    """A producer whose first `failures` sends fail like a broker that is away, then accepts."""

    def __init__(self, failures: int) -> None:
        self.failures, self.sent = failures, []

    async def send(self, topic, value, key=None, headers=None):
        if self.failures:
            self.failures -= 1
            raise KafkaTimeoutError("Unable to update metadata within 30 s")
        self.sent.append(topic)
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


async def test_relay_waits_out_a_broker_outage_and_then_publishes(dsn):
    event = DossierChanged.model_validate({"correlation_id": "c", "office_id": str(uuid.uuid4()),
                                           "dossier_id": str(uuid.uuid4()), "change": "created",
                                           "dossier": {"name": "Dossier"}})
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await enqueue(conn, event, source="test")
        producer, stop = BrokerDownFor(failures=3), asyncio.Event()
        task = asyncio.create_task(OutboxRelay(dsn, producer, service="t", poll_interval=0.1,
                                                   backoff=Backoff(0.05, 0.2)).run(stop))
        try:
            await wait_for(lambda: conn.fetchval("SELECT count(*) = 0 FROM outbox WHERE published_at IS NULL"),
                           timeout=20)
        finally:
            stop.set()
            await asyncio.wait_for(task, 10)
    finally:
        await conn.close()
    assert producer.sent == ["dossier.changed"] and producer.failures == 0
