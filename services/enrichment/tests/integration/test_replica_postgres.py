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
