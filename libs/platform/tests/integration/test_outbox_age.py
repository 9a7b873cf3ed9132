"""The outbox gauges say how much waits and since when, also while the broker is away (issue 18 alerts)."""
import asyncio
import uuid

import asyncpg
import pytest
from aiokafka.errors import KafkaTimeoutError
from contracts.events import DossierChanged
from prometheus_client import REGISTRY

from runtime.outbox import enqueue
from runtime.relay import OutboxRelay

pytestmark = pytest.mark.integration


class BrokerAway:
    """A producer whose every send fails like a broker that is unreachable."""

    async def send(self, topic, value, key=None, headers=None):
        raise KafkaTimeoutError("Unable to update metadata within 30 s")


class BrokerUp:
    """A producer that accepts every send."""

    async def send(self, topic, value, key=None, headers=None):
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


def _event() -> DossierChanged:
    return DossierChanged.model_validate({"correlation_id": "c", "office_id": str(uuid.uuid4()),
                                          "dossier_id": str(uuid.uuid4()), "change": "created",
                                          "dossier": {"name": "Dossier"}})


def _gauge(name: str, service: str) -> float | None:
    return REGISTRY.get_sample_value(name, {"service": service})


async def test_a_broker_outage_leaves_the_backlog_and_its_oldest_row_measured(dsn):
    service = f"age-{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await enqueue(conn, _event(), source="test")
            await enqueue(conn, _event(), source="test")
        await conn.execute("UPDATE outbox SET created_at = now() - interval '5 minutes' WHERE id = (SELECT min(id) FROM outbox)")
        oldest = await conn.fetchval("SELECT extract(epoch FROM min(created_at)) FROM outbox")
        with pytest.raises(KafkaTimeoutError):
            await OutboxRelay(dsn, BrokerAway(), service=service).publish_batch(conn)
        assert _gauge("bf_outbox_backlog", service) == 2
        assert _gauge("bf_outbox_oldest_unpublished_timestamp_seconds", service) == pytest.approx(float(oldest))

        assert await OutboxRelay(dsn, BrokerUp(), service=service).publish_batch(conn) == 2
        assert _gauge("bf_outbox_backlog", service) == 0
        assert _gauge("bf_outbox_oldest_unpublished_timestamp_seconds", service) == 0
    finally:
        await conn.close()
