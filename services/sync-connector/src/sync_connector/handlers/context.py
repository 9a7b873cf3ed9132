"""What the handlers and routes need, built once at start by bootstrap.build_deps (or by a test)."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import asyncpg
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import LedgerSynced
from runtime.outbox import enqueue
from runtime.storage import ObjectStorage

from sync_connector.adapters.registry import Adapters
from sync_connector.config import SyncSettings
from sync_connector.domain.status import after_unavailable
from sync_connector.handlers.alerts import SOURCE, update_status

__all__ = ["SOURCE", "Deps", "note_unavailable", "publish"]


@dataclass
class Deps:
    """The sync-connector's dependencies: its database, the accounting software's adapters, its settings."""

    pool: asyncpg.Pool
    settings: SyncSettings
    adapters: Adapters
    store: ObjectStorage | None = None  # the documents bucket: bank statement files (issue 17)


async def publish(deps: Deps, conn: asyncpg.Connection, event: LedgerSynced | BookingRecorded) -> None:
    """ledger.synced (a sync run) or booking.recorded (a proposal's posting or deletion) through the outbox, in the
    transaction of the change."""
    await enqueue(conn, event, source=SOURCE)


async def note_unavailable(deps: Deps, dossier_id: UUID, installation: str, detail: str) -> None:
    """Record 'needs support' outside the message's transaction (which rolls back for the retry); the first time of
    an incident the support team is alerted (ACT-3), in the same transaction as the status."""
    async with deps.pool.acquire() as conn, conn.transaction():
        await update_status(conn, dossier_id, after_unavailable(installation, detail), f"sync-support-{dossier_id}")
