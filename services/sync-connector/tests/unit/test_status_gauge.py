"""bf_sync_dossiers: the number of active dossiers per sync status, as the database counts them; a status change
moves a dossier from one count to another, a status no dossier has reads 0, and the count goes on after a failure."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from prometheus_client import REGISTRY

from sync_connector.bootstrap import on_start
from sync_connector.domain.status import STATUSES
from sync_connector.entrypoints.metrics import SYNC_DOSSIERS, count_statuses, keep_counting


class Links:
    """dossier_links as status_counts reads it: {dossier: status}; `fail` makes the next reads raise."""

    def __init__(self, **statuses: str) -> None:
        self.statuses, self.fail, self.reads = dict(statuses), False, 0

    async def fetch(self, query: str, *args):
        self.reads += 1
        if self.fail:
            raise ConnectionError("database gone")
        assert "GROUP BY" in query and "p.active" in query
        counts: dict[str, int] = {}
        for status in self.statuses.values():
            counts[status] = counts.get(status, 0) + 1
        return [{"sync_status": s, "n": n} for s, n in counts.items()]


@pytest.fixture(autouse=True)
def _fresh_gauge():
    SYNC_DOSSIERS.clear()
    yield
    SYNC_DOSSIERS.clear()


def _gauge() -> dict[str, float | None]:
    """What /metrics would show for each status (None: no such series)."""
    return {s: REGISTRY.get_sample_value("bf_sync_dossiers", {"status": s}) for s in STATUSES}


async def test_status_changes_move_the_counts():
    links = Links(a="ok", b="ok", c="needs_collaborator")
    assert await count_statuses(links) == {"ok": 2, "needs_collaborator": 1}
    assert _gauge() == {"ok": 2, "needs_support": 0, "needs_collaborator": 1}

    links.statuses["a"] = "needs_support"  # the software cannot be reached while posting a's booking
    await count_statuses(links)
    assert _gauge() == {"ok": 1, "needs_support": 1, "needs_collaborator": 1}

    links.statuses.update(a="ok", c="ok")  # back, and the collaborator fixed c
    await count_statuses(links)
    assert _gauge() == {"ok": 3, "needs_support": 0, "needs_collaborator": 0}


async def test_a_fresh_process_reads_the_database_not_what_it_remembers():
    SYNC_DOSSIERS.clear()  # a restarted connector: no series until the first count
    assert _gauge() == {"ok": None, "needs_support": None, "needs_collaborator": None}
    await count_statuses(Links(a="needs_support", b="needs_support"))
    assert _gauge() == {"ok": 0, "needs_support": 2, "needs_collaborator": 0}


async def test_the_count_goes_on_after_a_failed_read_and_stops_with_the_service():
    links, stop = Links(a="ok"), asyncio.Event()
    links.fail = True
    task = asyncio.create_task(keep_counting(links, stop, interval_s=0.01))
    await asyncio.sleep(0.05)
    assert links.reads >= 2 and not task.done()  # logged and tried again
    links.fail, links.statuses["a"] = False, "needs_support"
    await asyncio.sleep(0.05)
    assert _gauge()["needs_support"] == 1
    stop.set()
    await asyncio.wait_for(task, timeout=1)


async def test_the_service_starts_the_count_beside_the_scheduler():
    rt = SimpleNamespace(deps=None, pool=Links(), stop=asyncio.Event(), tasks=[])
    await on_start(rt, None)
    try:
        assert {t.get_name() for t in rt.tasks} == {"sync-scheduler", "sync-status-gauge"}
    finally:
        for task in rt.tasks:
            task.cancel()
        await asyncio.gather(*rt.tasks, return_exceptions=True)
