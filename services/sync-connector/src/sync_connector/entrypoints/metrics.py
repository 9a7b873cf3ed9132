"""Prometheus metrics of the sync-connector (served on /metrics with the runtime's)."""
from __future__ import annotations

import asyncio
import logging

from prometheus_client import Counter, Gauge, Histogram

from sync_connector.adapters import repository as repo
from sync_connector.domain.status import STATUSES

log = logging.getLogger(__name__)

POSTINGS = Counter("bf_sync_postings", "Proposals handled, by outcome (posted, already_posted, refused) and software.",
                   ["software", "outcome"])
POSTING_SECONDS = Histogram("bf_sync_posting_seconds", "Time to post one booking in the accounting software.",
                            ["software"], buckets=(0.1, 0.25, 0.5, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0, 60.0))
SYNC_RUNS = Counter("bf_sync_runs", "Sync runs, by reason and outcome.", ["reason", "outcome"])
SYNC_DOSSIERS = Gauge("bf_sync_dossiers", "Active dossiers per sync status (ok, needs_support, needs_collaborator), "
                      "counted in the database.", ["status"])
COUNT_INTERVAL_S = 15.0  # Prometheus scrapes every 15 s; BfDossierNeedsSupport waits 5 minutes


async def count_statuses(conn: repo.Conn) -> dict[str, int]:
    """Set bf_sync_dossiers to the database's counts (every status, 0 when no dossier has it); returns them."""
    counts = await repo.status_counts(conn)
    for status in STATUSES:
        SYNC_DOSSIERS.labels(status=status).set(counts.get(status, 0))
    return counts


async def keep_counting(conn: repo.Conn, stop: asyncio.Event, interval_s: float = COUNT_INTERVAL_S) -> None:
    """Recount at start and every ``interval_s`` until ``stop`` is set. Counted, not moved at each change: a status
    is written in a transaction that may roll back, by any instance, and a restarted process knows nothing, while
    one grouped scan is always the database's truth (every instance exports the same numbers: read them with max)."""
    while not stop.is_set():
        try:
            await count_statuses(conn)
        except Exception as exc:  # noqa: BLE001 - a count changes no data: the next tick tries again
            log.warning("bf_sync_dossiers not recounted: %s", exc)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except asyncio.TimeoutError:
            pass
