"""What the handlers need, built once by bootstrap (or by a test)."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from contracts.events.ledger import LedgerSynced
from runtime.outbox import enqueue
from runtime.storage import ObjectStorage

from sync_connector.adapters import repository as repo
from sync_connector.adapters.registry import Adapters
from sync_connector.config import SyncSettings
from sync_connector.domain.status import after_unavailable

SOURCE = "sync-connector"


@dataclass
class Deps:
    pool: asyncpg.Pool
    settings: SyncSettings
    adapters: Adapters
    store: ObjectStorage | None = None  # the documents bucket: bank statement files (issue 17)


class DepsHolder:
    """Deps set by bootstrap once built; a handler that runs earlier waits for them."""

    def __init__(self) -> None:
        self._deps: Deps | None = None
        self._ready = asyncio.Event()

    def set(self, deps: Deps) -> None:
        self._deps = deps
        self._ready.set()

    async def get(self) -> Deps:
        if self._deps is None:
            await asyncio.wait_for(self._ready.wait(), timeout=60)
        assert self._deps is not None
        return self._deps


async def publish(deps: Deps, conn: asyncpg.Connection, event: LedgerSynced) -> None:
    """ledger.synced through the outbox, in the transaction of the change."""
    await enqueue(conn, event, source=SOURCE, topic=deps.settings.sync_ledger_topic)


async def note_unavailable(deps: Deps, dossier_id: UUID, installation: str, detail: str) -> None:
    """Record 'needs support' outside the message's transaction (which rolls back for the retry)."""
    async with deps.pool.acquire() as conn:
        await repo.set_status(conn, dossier_id, after_unavailable(installation, detail))
