"""Transactional outbox: write an outgoing event in the same transaction as the state change."""
from __future__ import annotations

import json

import asyncpg
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.envelope import Event
from contracts.registry import TOPICS, Topic

from runtime.telemetry import inject_kafka_headers

NOTIFY_CHANNEL = "bf_outbox"  # notified at commit by the outbox table's trigger (migration 0004_outbox_notify)


def _topic(event: Event, topic: str | None) -> Topic:
    if topic is None:
        matches = [t for t in TOPICS.values() if isinstance(event, t.model)]
        if len(matches) != 1:
            raise LookupError(f"no single topic for {type(event).__name__}; name it explicitly")
        return matches[0]
    return TOPICS.get(topic) or Topic(name=topic, model=type(event), description="ad hoc")


async def enqueue(conn: asyncpg.Connection, event: Event, *, source: str, topic: str | None = None) -> None:
    """Record `event` for publication; call inside the transaction that makes the change.

    The relay publishes it after the commit, woken by the table's trigger; if the transaction rolls back, so does
    the event. One statement, one round trip: it runs for every event of every service.
    """
    if not conn.is_in_transaction():
        raise RuntimeError("enqueue() must run inside the transaction of the state change")
    spec = _topic(event, topic)
    headers = inject_kafka_headers(to_headers(event, source=f"/services/{source}"))
    await conn.execute(
        "INSERT INTO outbox (event_id, topic, key, payload, headers) VALUES ($1, $2, $3, $4, $5::text::jsonb)",
        event.event_id,
        spec.name,
        spec.key(event),
        serialize(event),
        json.dumps([[name, value.decode()] for name, value in headers]),  # text: independent of codecs
    )


async def backlog(conn: asyncpg.Connection) -> int:
    """How many events wait for publication."""
    return await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
