"""SYN-3: the nightly sync. Once a day, from BF_SYNC_NIGHTLY_HOUR (UTC), every linked dossier whose
setting nightly_sync is on gets a sync.requested (reason nightly); the claim and the request are
one transaction, so two instances never request the same dossier twice on a day."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import asyncpg
from contracts.events.ledger import SyncRequested
from runtime.outbox import enqueue

from sync_connector.adapters import repository as repo
from sync_connector.handlers.context import SOURCE

log = logging.getLogger(__name__)


async def request_nightly(pool: asyncpg.Pool, now: datetime, hour: int, topic: str = "sync.requested") -> int:
    """Request the nightly sync of every dossier due at `now`; returns how many."""
    async with pool.acquire() as conn, conn.transaction():
        due = await repo.due_for_nightly(conn, now.date(), now, hour)
        for d in due:
            await enqueue(conn, SyncRequested(correlation_id=f"nightly-{now.date()}-{d['dossier_id']}",
                                              office_id=d["office_id"], dossier_id=d["dossier_id"], reason="nightly"),
                          source=SOURCE, topic=topic)
    return len(due)


async def run(pool: asyncpg.Pool, hour: int, interval_s: float, stop: asyncio.Event,
              topic: str = "sync.requested") -> None:
    """Check every `interval_s` until `stop` is set."""
    while not stop.is_set():
        try:
            count = await request_nightly(pool, datetime.now(timezone.utc), hour, topic)
            if count:
                log.info("nightly sync requested for %d dossiers", count)
        except Exception:  # noqa: BLE001 - the scheduler keeps going; the next tick tries again
            log.exception("nightly scheduler tick failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except asyncio.TimeoutError:
            pass
