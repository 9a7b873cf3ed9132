"""Issue 19 item 2: payments' own dossier replica moves into the platform's (runtime.replica) with the data the
running stack holds: settings and who may pay stay what they were."""
from __future__ import annotations

import uuid

import pytest
from runtime import replica as dossiers
from runtime.config import Settings
from runtime.replica_testing import before_migration

from payments.adapters import replica
from payments.bootstrap import MIGRATIONS
from payments_testkit import client_user, dossier_changed

pytestmark = pytest.mark.integration


async def test_the_old_replica_is_copied_into_the_platforms_and_dropped():
    dossier, office, anna, bob = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with before_migration(Settings(service="payments-test"), MIGRATIONS,
                                "0003_platform_replica.sql") as (db, upgrade):
        await db.execute("INSERT INTO dossiers (dossier_id, office_id, name, settings, payers) "
                         "VALUES ($1, $2, $3, $4, $5)", dossier, office, "Dupont",
                         {"payment_module": True, "language": "fr"}, [anna, bob])
        assert (await upgrade())[0] == "service:0003_platform_replica.sql"  # then the later ones
        moved = await replica.dossier(db, dossier)
        assert (moved.office_id, moved.settings["payment_module"], moved.payers) == (office, True, frozenset({anna, bob}))
        assert await db.fetchval("SELECT to_regclass('dossiers')") is None
        # the next dossier.changed brings the users whole: a document-delivery user is no payer
        async with db.acquire() as conn:
            await dossiers.apply(conn, dossier_changed(dossier, client_user("document_delivery"), office=office))
        assert (await replica.dossier(db, dossier)).payers == frozenset()
