"""The repository contract suite on Postgres (a throw-away migrated database): PgUnitOfWork and its repositories."""
import json

import pytest
from worklist_repository_contract import RepositoryContract

from worklist.adapters.unit_of_work import PgUnitOfWork

pytestmark = pytest.mark.integration


class TestPgRepositories(RepositoryContract):
    @pytest.fixture
    def uow(self, pool):
        return lambda: PgUnitOfWork(pool)

    @pytest.fixture
    def outbox(self, pool):
        async def published():
            return [json.loads(r["payload"]) for r in await pool.fetch("SELECT payload FROM outbox ORDER BY id")]
        return published
