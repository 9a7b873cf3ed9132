"""bf_sync_dossiers against Postgres: the counts are the database's (dossier_links of active dossiers), so a
restarted connector's first count shows the dossiers that needed support before it stopped."""
from __future__ import annotations

import uuid

import pytest
from prometheus_client import REGISTRY
from runtime.testing import temp_pool
from sync_testkit import seed_dossier

from sync_connector.adapters import repository as repo
from sync_connector.bootstrap import MIGRATIONS
from sync_connector.config import SyncSettings
from sync_connector.domain.status import OK, STATUSES, after_rejection, after_unavailable
from sync_connector.entrypoints.metrics import SYNC_DOSSIERS, count_statuses

pytestmark = pytest.mark.integration


def _gauge() -> dict[str, float | None]:
    return {s: REGISTRY.get_sample_value("bf_sync_dossiers", {"status": s}) for s in STATUSES}


async def test_the_gauge_is_the_databases_count_after_a_restart():
    office = uuid.uuid4()
    async with temp_pool(SyncSettings(service="sync-connector-test"), MIGRATIONS) as pool:
        down, fixable, fine, archived = (uuid.uuid4() for _ in range(4))
        for dossier in (down, fixable, fine, archived):
            await seed_dossier(pool, dossier, office, code=f"c{dossier.hex[:6]}", activated=True)
        await repo.set_status(pool, down, after_unavailable("local", "connection refused"))
        await repo.set_status(pool, fixable, after_rejection("ClosedPeriod", "period 2026-01 is closed"))
        await repo.set_status(pool, archived, after_unavailable("local", "connection refused"))
        await pool.execute("UPDATE platform_dossiers SET active = false, status = 'archived' WHERE dossier_id = $1",
                           archived)  # no longer synced: it needs nobody

        await count_statuses(pool)
        assert _gauge() == {"ok": 1, "needs_support": 1, "needs_collaborator": 1}

        SYNC_DOSSIERS.clear()  # the connector restarts: its first count rebuilds the gauge from the database
        await count_statuses(pool)
        assert _gauge() == {"ok": 1, "needs_support": 1, "needs_collaborator": 1}

        await repo.set_status(pool, down, OK)  # the software is back
        await count_statuses(pool)
        assert _gauge() == {"ok": 2, "needs_support": 0, "needs_collaborator": 1}
    SYNC_DOSSIERS.clear()
