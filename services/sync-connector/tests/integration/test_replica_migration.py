"""Issue 19 item 2: the sync-connector's own `dossiers` table (replica and link mixed) moves into the platform's
replica (runtime.replica) and the connector's `dossier_links`, with the data the running stack holds: the link,
its sync status and marks, the snapshots and the nightly schedule stay what they were."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from contracts.events.dossiers import AccountingLink
from runtime import replica
from runtime.config import Settings
from runtime.replica_testing import before_migration

from service_harness import activated
from sync_connector.adapters import repository as repo
from sync_connector.bootstrap import MIGRATIONS
from sync_connector.handlers.syncing import on_dossier_changed

pytestmark = pytest.mark.integration


async def test_the_old_dossiers_are_split_into_the_platforms_replica_and_the_connectors_links():
    linked, unlinked, office = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with before_migration(Settings(service="sync-connector-test"), MIGRATIONS,
                                "0012_platform_replica.sql") as (db, upgrade):
        await db.execute(
            "INSERT INTO dossiers (dossier_id, office_id, name, active, settings, software, installation, dossier_code, "
            "activated_at, updated_up_to, active_period, sync_status, instruction, instruction_code, "
            "instruction_params, last_nightly) VALUES ($1, $2, 'Dupont', true, $3, 'tryton', 'local', 'dupont', "
            "now(), '2026-03-31', '2026-04', 'needs_support', 'Support should look at it.', 'SoftwareRefused', $4, "
            "'2026-12-06')", linked, office, {"nightly_sync": False, "language": "fr"}, {"reason": "boom"})
        await db.execute("INSERT INTO dossiers (dossier_id, office_id, name, active) VALUES ($1, $2, 'Archief', false)",
                         unlinked, office)
        await db.execute("INSERT INTO snapshots VALUES ($1, 'periods', '2026-04', 'h')", linked)
        assert (await upgrade())[0] == "service:0012_platform_replica.sql"

        moved = await repo.dossier(db, linked)
        assert (moved["office_id"], moved["name"], moved["active"], moved["settings"]) == (
            office, "Dupont", True, {"nightly_sync": False, "language": "fr"})
        assert (moved["software"], moved["installation"], moved["dossier_code"], moved["updated_up_to"],
                moved["active_period"], moved["sync_status"], moved["instruction_code"],
                moved["instruction_params"], moved["last_nightly"]) == (
            "tryton", "local", "dupont", date(2026, 3, 31), "2026-04", "needs_support", "SoftwareRefused",
            {"reason": "boom"}, date(2026, 12, 6))
        assert moved["activated_at"] is not None
        assert (await replica.dossier(db, linked))["accounting"] == {
            "software": "tryton", "installation": "local", "dossier_code": "dupont"}
        archived = await repo.dossier(db, unlinked)
        assert (archived["active"], archived["software"], archived["sync_status"]) == (False, None, "ok")
        assert await repo.snapshot(db, linked) == {"periods": {"2026-04": "h"}}
        assert await db.fetchval("SELECT to_regclass('dossiers')") is None

        # the next dossier.changed keeps the link (same software and code: still activated, no import again) ...
        event = activated(office, linked, "dupont", nightly=False).model_copy(update={"change": "updated"})
        async with db.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, event, deps=None)
        assert (await repo.dossier(db, linked))["activated_at"] == moved["activated_at"]
        # ... and a relink to another dossier code is found again at its activation
        relinked = event.dossier.model_copy(update={"accounting": AccountingLink(
            software="tryton", installation="local", dossier_code="dupont2")})
        async with db.acquire() as conn, conn.transaction():
            await repo.apply_link(conn, event.model_copy(update={"dossier": relinked}))
        after = await repo.dossier(db, linked)
        assert (after["dossier_code"], after["activated_at"]) == ("dupont2", None)
        # the snapshots follow their dossier's link
        await db.execute("DELETE FROM dossier_links WHERE dossier_id = $1", linked)
        assert await repo.snapshot(db, linked) == {}
