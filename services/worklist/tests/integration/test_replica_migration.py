"""Issue 19 item 2: the worklist's own dossier replica moves into the platform's (runtime.replica) with the data the
running stack holds: settings, client users (who can be asked, WL-6) and assignments stay what they were."""
from __future__ import annotations

import json
import uuid

import pytest
from runtime import replica as dossiers
from runtime.config import Settings
from runtime.replica_testing import before_migration

from worklist.adapters import replica
from worklist.bootstrap import MIGRATIONS

pytestmark = pytest.mark.integration


async def test_the_old_replica_is_copied_into_the_platforms_and_dropped():
    dossier, office, anna, colette = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    users = [{"user_id": str(anna), "email": "anna@client.be", "name": "Anna", "language": "fr",
              "profile": "full_access", "active": True}]
    assignments = [{"collaborator_id": str(colette), "email": "colette@office.be", "name": "Colette",
                    "role": "support", "language": "nl", "worklists_only": True, "via": "client_group"}]
    async with before_migration(Settings(service="worklist-test"), MIGRATIONS,
                                "0006_platform_replica.sql") as (db, upgrade):
        await db.execute("INSERT INTO dossiers (dossier_id, office_id, name, active, settings, users, assignments) "
                         "VALUES ($1, $2, 'Dupont', false, $3::text::jsonb, $4::text::jsonb, $5::text::jsonb)",
                         dossier, office, json.dumps({"validation_mode": "client"}), json.dumps(users),
                         json.dumps(assignments))
        assert (await upgrade())[0] == "service:0006_platform_replica.sql"  # then the later ones
        moved = await replica.dossier(db, dossier)
        assert (moved["office_id"], moved["name"], moved["active"]) == (office, "Dupont", False)
        assert moved["settings"] == {"validation_mode": "client"} and moved["users"] == users
        [worker] = await dossiers.assignments(db, dossier)
        assert worker == {**assignments[0], "collaborator_id": colette}
        assert await dossiers.access_row(db, dossier) == {"office_id": office, "settings": {"validation_mode": "client"}}
        assert await db.fetchval("SELECT to_regclass('dossiers')") is None
