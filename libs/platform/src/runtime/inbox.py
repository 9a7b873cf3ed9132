"""Inbox: apply each event exactly once, recording its id in the same transaction as its effect."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import asyncpg
from contracts.envelope import Event

# A handler applies one event inside the caller's transaction; it may write state and
# enqueue outgoing events (runtime.outbox.enqueue) on the same connection.
Handler = Callable[[asyncpg.Connection, Event], Awaitable[None]]


@dataclass(frozen=True)
class Delivery:
    """Where a message came from, for the inbox record and for dead-lettering."""

    topic: str
    partition: int
    offset: int


async def apply_once(pool: asyncpg.Pool, consumer: str, delivery: Delivery, event: Event, handler: Handler) -> bool:
    """Run `handler` unless `consumer` already applied `event`; return False for a duplicate."""
    async with pool.acquire() as conn, conn.transaction():
        fresh = await conn.fetchval(
            "INSERT INTO inbox (event_id, consumer, topic) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING RETURNING true",
            event.event_id, consumer, delivery.topic,
        )
        if not fresh:
            return False
        await handler(conn, event)
        return True
