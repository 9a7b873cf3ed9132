"""Issue 19 item 2: ingest's own dossier replica moves into the platform's (runtime.replica) with the data the
running stack holds: a mail to a dossier's inbound address (ING-2) still finds the dossier and its settings."""
from __future__ import annotations

import uuid

import pytest
from runtime.config import Settings
from runtime.replica_testing import before_migration

from ingest.adapters import replica
from ingest.bootstrap import MIGRATIONS

pytestmark = pytest.mark.integration


async def test_the_old_replica_is_copied_into_the_platforms_and_dropped():
    dossier, archived, office = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    rules = {"auto_transmission": {"purchases": {"enabled": True, "sender_whitelist": []}}}
    async with before_migration(Settings(service="ingest-test"), MIGRATIONS,
                                "0003_platform_replica.sql") as (db, upgrade):
        await db.executemany("INSERT INTO dossiers (dossier_id, office_id, name, active, settings) "
                             "VALUES ($1, $2, $3, $4, $5)", [(dossier, office, "Dupont", True, rules),
                                                             (archived, office, "Gone", False, {})])
        await db.executemany("INSERT INTO inbound_addresses VALUES ($1, $2, $3)",
                             [("dupont.purchases@in.example", dossier, "purchases"),
                              ("gone.sales@in.example", archived, "sales")])
        assert await upgrade() == ["service:0003_platform_replica.sql"]
        found, mailbox = await replica.by_address(db, "Dupont.Purchases@in.example")
        assert (found.dossier_id, found.office_id, found.settings, mailbox) == (dossier, office, rules,
                                                                                         "purchases")
        assert await replica.by_address(db, "gone.sales@in.example") is None, "an archived dossier takes no mail"
        assert await db.fetchval("SELECT to_regclass('dossiers')") is None
        await db.execute("DELETE FROM platform_dossiers WHERE dossier_id = $1", archived)
        assert await db.fetchval("SELECT count(*) FROM inbound_addresses") == 1, "addresses follow their dossier"
