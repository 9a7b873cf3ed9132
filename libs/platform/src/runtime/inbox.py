"""Inbox: apply each event exactly once, recording its id in the same transaction as its effect."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
from contracts.envelope import Event

# A handler applies one event inside the caller's transaction: `(conn, event, deps)`, where deps are the service's
# dependencies the runtime built once at start (ServiceSpec.deps). It may write state and enqueue outgoing events
# (runtime.outbox.enqueue) on the same connection.
Apply = Callable[[asyncpg.Connection, Event, Any], Awaitable[None]]


@dataclass(frozen=True)
class TwoPhase:
    """A handler whose slow work (OCR, a call to the accounting software) runs outside any transaction.

    `prepare(pool, event, deps)` runs first, holding no connection of the message: it must be idempotent,
    keyed by what the work is about (a file hash, the proposal id the booking carries as external id),
    because a worker killed during it, or a failed transaction after it, runs it again on redelivery.
    It may keep its result on its own short connections (e.g. a cache by file hash). Then
    `apply(conn, event, prepared, deps)` runs in the short inbox transaction: the result and the outbox row.
    A duplicate delivery is recognised before `prepare`, so applied events cost no slow work.
    """

    prepare: Callable[[asyncpg.Pool, Event, Any], Awaitable[Any]]
    apply: Callable[[asyncpg.Connection, Event, Any, Any], Awaitable[None]]


Handler = Apply | TwoPhase


@dataclass(frozen=True)
class Delivery:
    """Where a message came from, for the inbox record and for dead-lettering."""

    topic: str
    partition: int
    offset: int


async def apply_once(pool: asyncpg.Pool, consumer: str, delivery: Delivery, event: Event, handler: Handler,
                     deps: Any = None) -> bool:
    """Run `handler` with the service's `deps` unless `consumer` already applied `event`; False for a duplicate."""
    prepared = None
    if isinstance(handler, TwoPhase):
        if await _applied(pool, consumer, event):
            return False
        prepared = await handler.prepare(pool, event, deps)
    async with pool.acquire() as conn, conn.transaction():
        fresh = await conn.fetchval(
            "INSERT INTO inbox (event_id, consumer, topic) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING RETURNING true",
            event.event_id, consumer, delivery.topic,
        )
        if not fresh:
            return False
        if isinstance(handler, TwoPhase):
            await handler.apply(conn, event, prepared, deps)
        else:
            await handler(conn, event, deps)
        return True


async def _applied(pool: asyncpg.Pool, consumer: str, event: Event) -> bool:
    async with pool.acquire() as conn:
        return bool(await conn.fetchval(
            "SELECT true FROM inbox WHERE event_id = $1 AND consumer = $2", event.event_id, consumer))
