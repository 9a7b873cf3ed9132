"""Issue 19 item 2: notify's own dossier replica moves into the platform's (runtime.replica) with the data the running
stack holds: the dossier's client users (COM-5 audiences) and assigned collaborators (COM-6) are who they were."""
from __future__ import annotations

import uuid

import pytest
from runtime.config import Settings
from runtime.replica_testing import before_migration

from notify.adapters import replica
from notify.bootstrap import MIGRATIONS

pytestmark = pytest.mark.integration


async def test_the_old_replica_is_copied_into_the_platforms_and_dropped():
    dossier, office, anna, jan, colette = (uuid.uuid4() for _ in range(5))
    async with before_migration(Settings(service="notify-test"), MIGRATIONS,
                                "0003_platform_replica.sql") as (db, upgrade):
        await db.execute("INSERT INTO dossiers (dossier_id, office_id, name, settings) VALUES ($1, $2, 'Dupont', $3)",
                         dossier, office, {"language": "fr"})
        await db.executemany("INSERT INTO dossier_users VALUES ($1, $2, $3, $4, $5, $6, $7)",
                             [(dossier, jan, "jan@client.be", "Jan", "nl", "document_delivery", False),
                              (dossier, anna, "anna@client.be", "Anna", "fr", "full_access", True)])
        await db.execute("INSERT INTO dossier_collaborators VALUES ($1, $2, 'colette@office.be', 'Colette', 'de')",
                         dossier, colette)
        assert (await upgrade())[0] == "service:0003_platform_replica.sql"  # then any later migration
        moved = await replica.load(db, dossier)
        assert (moved.office_id, moved.name) == (office, "Dupont")
        assert [(u.user_id, u.email, u.language, u.profile, u.active) for u in moved.users] == [
            (anna, "anna@client.be", "fr", "full_access", True), (jan, "jan@client.be", "nl", "document_delivery", False)]
        async with db.acquire() as conn:
            [person] = await replica.collaborators(conn, dossier, None)
        assert (person.email, person.name, person.language, person.user_id) == ("colette@office.be", "Colette", "de",
                                                                                colette)
        for table in ("dossiers", "dossier_users", "dossier_collaborators"):
            assert await db.fetchval("SELECT to_regclass($1)", table) is None
