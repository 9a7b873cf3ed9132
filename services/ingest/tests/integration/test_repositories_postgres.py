"""The repository contract suite on Postgres (a throw-away migrated database): PgUnitOfWork and its repositories."""
import json

import pytest
from contracts.events.dossiers import DossierChanged
from ingest.adapters.unit_of_work import PgUnitOfWork
from ingest.handlers.events import on_dossier_changed
from ingest_repository_contract import RepositoryContract

pytestmark = pytest.mark.integration


class TestPgRepositories(RepositoryContract):
    @pytest.fixture
    def uow(self, pool):
        return lambda: PgUnitOfWork(pool)

    @pytest.fixture
    def replicate(self, pool):
        async def put(office, dossier, settings, addresses, active=True):
            event = DossierChanged.model_validate({
                "correlation_id": "t", "office_id": office, "dossier_id": dossier, "change": "created",
                "dossier": {"name": "D", "settings": settings,
                            "mailboxes": [{"mailbox": m, "address": a} for a, m in addresses.items()]}})
            async with pool.acquire() as conn, conn.transaction():
                await on_dossier_changed(conn, event)
                await conn.execute("UPDATE platform_dossiers SET active = $2 WHERE dossier_id = $1", dossier, active)
        return put

    @pytest.fixture
    def outbox(self, pool):
        async def published():
            return [json.loads(r["payload"]) for r in await pool.fetch("SELECT payload FROM outbox ORDER BY id")]
        return published
