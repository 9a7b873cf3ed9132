"""Issue 19 item 2: enrichment's own dossier replica moves into the platform's (runtime.replica) with the data the
running stack holds: the dossier's settings and VAT number still make its profile (ENR-2, ENR-4)."""
from __future__ import annotations

import uuid

import pytest
from runtime import replica as dossiers
from runtime.config import Settings
from runtime.replica_testing import before_migration

from enrichment.adapters.postgres import PgReplica
from enrichment.bootstrap import MIGRATIONS

pytestmark = pytest.mark.integration


async def test_the_old_replica_is_copied_into_the_platforms_and_dropped():
    dossier, office = uuid.uuid4(), uuid.uuid4()
    async with before_migration(Settings(service="enrichment-test"), MIGRATIONS,
                                "0006_platform_replica.sql") as (db, upgrade):
        await db.execute("INSERT INTO dossiers (dossier_id, office_id, settings, vat_number) VALUES ($1, $2, $3, $4)",
                         dossier, office, {"vat_exempt": True, "keywords": ["Garage"]}, "BE0403170701")
        assert await upgrade() == ["service:0006_platform_replica.sql"]
        profile = (await PgReplica(db).book(dossier)).profile
        assert profile.vat_exempt and profile.keywords == ("Garage",) and profile.vat_number == "BE0403170701"
        assert (await dossiers.access_row(db, dossier))["office_id"] == office
        assert await db.fetchval("SELECT to_regclass('dossiers')") is None
