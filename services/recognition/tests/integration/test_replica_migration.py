"""Issue 19 item 2: recognition reads the dossier's own VAT number (which party of an invoice is the dossier) from
the platform's dossier replica (runtime.replica); the numbers it kept move there."""
from __future__ import annotations

import uuid

import pytest
from contracts.events.dossiers import DossierChanged, DossierSnapshot
from runtime.config import Settings
from runtime.replica_testing import before_migration

from recognition.adapters import results
from recognition.bootstrap import MIGRATIONS
from recognition.entrypoints.kafka import EVENT_HANDLERS

pytestmark = pytest.mark.integration


async def test_the_kept_vat_numbers_move_and_dossier_changed_keeps_them():
    kept, new = uuid.uuid4(), uuid.uuid4()
    async with before_migration(Settings(service="recognition-test"), MIGRATIONS,
                                "0003_platform_replica.sql") as (db, upgrade):
        await db.execute("INSERT INTO dossier_vat_numbers (dossier_id, vat_number) VALUES ($1, 'BE0403170701')", kept)
        assert await upgrade() == ["service:0003_platform_replica.sql"]
        assert await db.fetchval("SELECT to_regclass('dossier_vat_numbers')") is None
        async with db.acquire() as conn:
            assert await results.dossier_vat(conn, kept) == "BE0403170701"
            assert await results.dossier_vat(conn, new) is None
            await EVENT_HANDLERS["dossier.changed"](conn, DossierChanged(
                correlation_id="t", office_id=uuid.uuid4(), dossier_id=new, change="updated",
                dossier=DossierSnapshot(name="Garage Dupont", vat_number="BE0202239951")), None)
            assert await results.dossier_vat(conn, new) == "BE0202239951"
