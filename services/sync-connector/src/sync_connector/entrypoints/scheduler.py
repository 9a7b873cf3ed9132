"""What runs on the clock: the nightly sync (SYN-3) and the sync after postings (SYN-2).

Once a day, from BF_SYNC_NIGHTLY_HOUR (UTC), every linked dossier whose setting nightly_sync is on
gets a sync.requested (reason nightly); the claim and the request are one transaction, so two
instances never request the same dossier twice on a day. A dossier with postings is synced
BF_SYNC_AFTER_POSTING_S after the last one (reason posting), so a batch of sends costs one sync."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import asyncpg
from contracts.events.ledger import SyncRequested
from runtime.outbox import enqueue

from sync_connector.adapters import repository as repo
from sync_connector.domain.errors import SoftwareUnavailable
from sync_connector.handlers.context import SOURCE, Deps
from sync_connector.handlers.syncing import run_sync

log = logging.getLogger(__name__)


async def request_nightly(pool: asyncpg.Pool, now: datetime, hour: int) -> int:
    """Request the nightly sync of every dossier due at `now`; returns how many."""
    async with pool.acquire() as conn, conn.transaction():
        due = await repo.due_for_nightly(conn, now.date(), now, hour)
        for d in due:
            await enqueue(conn, SyncRequested(correlation_id=f"nightly-{now.date()}-{d['dossier_id']}",
                                              office_id=d["office_id"], dossier_id=d["dossier_id"], reason="nightly"),
                          source=SOURCE)
    return len(due)


async def sync_after_postings(deps: Deps) -> int:
    """Run every due after-posting sync (each in its own transaction); returns how many ran."""
    done = 0
    while True:
        try:
            async with deps.pool.acquire() as conn, conn.transaction():
                dossier = await repo.claim_due_sync(conn)
                if dossier is None:
                    return done
                await run_sync(deps, conn, dossier, reason="posting", correlation_id=f"sync-{dossier['dossier_id']}")
                done += 1
        except SoftwareUnavailable as exc:  # rolled back: still due, tried at the next tick
            log.warning("sync after posting postponed: %s", exc)
            return done


async def run(deps: Deps, stop: asyncio.Event) -> None:
    """Check every BF_SYNC_SCHEDULER_INTERVAL_S until `stop` is set."""
    s = deps.settings
    while not stop.is_set():
        try:
            count = await request_nightly(deps.pool, datetime.now(timezone.utc), s.sync_nightly_hour)
            if count:
                log.info("nightly sync requested for %d dossiers", count)
            await sync_after_postings(deps)
        except Exception:  # noqa: BLE001 - the scheduler keeps going; the next tick tries again
            log.exception("scheduler tick failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=s.sync_scheduler_interval_s)
        except asyncio.TimeoutError:
            pass
