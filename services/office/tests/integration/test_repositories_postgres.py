"""The repository contract suite on Postgres (a throw-away migrated database): PgUnitOfWork and its repositories."""
import json
import uuid
from pathlib import Path

import pytest
from runtime.testing import load_beside
from office.adapters.unit_of_work import PgUnitOfWork

# the shared suite sits beside the test folders; loaded by its path, because putting office's tests/ on sys.path
# would make its regular `integration` package shadow every other service's `integration` test folder
RepositoryContract = load_beside(Path(__file__).resolve().parents[1] / "office_repository_contract.py").RepositoryContract
StoreContract = load_beside(Path(__file__).resolve().parents[1] / "office_store_contract.py").StoreContract


pytestmark = pytest.mark.integration


class PgSeed:
    """Offices, accounts and client groups written through the repositories (or SQL, for client groups)."""

    def __init__(self, pool) -> None:
        self.pool = pool

    async def office(self):
        async with PgUnitOfWork(self.pool) as u:
            office_id = await u.offices.create(slug=f"o-{uuid.uuid4().hex[:8]}", name="O", portal_name="P",
                                               language="nl")
            return await u.offices.get(office_id)

    async def account(self, office, kind, name, *, role=None, active=True):
        async with PgUnitOfWork(self.pool) as u:
            account = await u.accounts.create(office_id=office.id, kind=kind, name=name, language="nl",
                                              email=f"{uuid.uuid4().hex[:8]}@x.example", role=role)
            return account if active else await u.accounts.update(account.id, active=False)

    async def client_group(self, office, name, collaborators):
        group_id = uuid.uuid4()
        async with self.pool.acquire() as conn:
            await conn.execute("INSERT INTO client_groups (id, office_id, name) VALUES ($1, $2, $3)",
                               group_id, uuid.UUID(office.id), name)
            await conn.executemany("INSERT INTO client_group_collaborators (group_id, user_id) VALUES ($1, $2)",
                                   [(group_id, uuid.UUID(c)) for c in collaborators])
        return str(group_id)


class TestPgRepositories(RepositoryContract, StoreContract):
    @pytest.fixture
    def uow(self, pool):
        return lambda: PgUnitOfWork(pool)

    @pytest.fixture
    def seed(self, pool):
        return PgSeed(pool)

    @pytest.fixture
    def outbox(self, pool):
        async def published():
            return [json.loads(r["payload"]) for r in await pool.fetch("SELECT payload FROM outbox ORDER BY id")]
        return published
