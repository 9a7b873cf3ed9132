"""Issue 19 item 2: reporting's own dossier replica moves into the platform's (runtime.replica) with the data the
running stack holds: the settings and office's "accounting updated up to" (DOS-1) still decide provisional months."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from runtime import replica as dossiers
from runtime.config import Settings
from runtime.replica_testing import before_migration

from reporting.adapters import ledger_reads
from reporting.bootstrap import MIGRATIONS

pytestmark = pytest.mark.integration


async def test_the_old_replica_is_copied_into_the_platforms_and_dropped():
    dossier, office = uuid.uuid4(), uuid.uuid4()
    async with before_migration(Settings(service="reporting-test"), MIGRATIONS,
                                "0003_platform_replica.sql") as (db, upgrade):
        await db.execute("INSERT INTO dossiers (dossier_id, office_id, name, settings, updated_up_to) "
                         "VALUES ($1, $2, 'Dupont', $3, $4)", dossier, office,
                         {"key_figures_closed_periods_only": True}, date(2026, 9, 30))
        assert (await upgrade())[0] == "service:0003_platform_replica.sql"  # then the later ones
        closing, settings = await ledger_reads.closing(db, dossier)
        assert closing.updated_up_to == date(2026, 9, 30) and settings == {"key_figures_closed_periods_only": True}
        assert (await dossiers.access_row(db, dossier))["office_id"] == office
        assert await db.fetchval("SELECT to_regclass('dossiers')") is None
