"""The replica contract suite on Postgres (a throw-away migrated database)."""
import pytest
from enrichment.adapters.postgres import PgReplica
from enrichment.bootstrap import MIGRATIONS
from replica_contract import ReplicaContract
from runtime.config import Settings
from runtime.testing import temp_pool

pytestmark = pytest.mark.integration


class TestPgReplica(ReplicaContract):
    @pytest.fixture
    async def replica(self):
        async with temp_pool(Settings(service="enrichment-test"), MIGRATIONS) as pool:
            async with pool.acquire() as conn:
                yield PgReplica(conn)


async def test_concurrent_transactions_never_get_the_same_number():
    """ENR-4 under concurrency: 30 transactions on their own connections, one journal — 30 distinct numbers."""
    import asyncio
    import uuid
    async with temp_pool(Settings(service="enrichment-test"), MIGRATIONS) as pool:
        dossier = uuid.uuid4()

        async def take() -> int:
            async with pool.acquire() as conn, conn.transaction():
                return await PgReplica(conn).next_number(dossier, "ACH", "2025", 100, 100)
        got = await asyncio.gather(*(take() for _ in range(30)))
    assert sorted(got) == list(range(100, 130))
