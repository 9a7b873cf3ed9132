"""The Postgres session store passes the same contract as the memory one (portal DB, migration 0001)."""
import pytest
from runtime.db import create_pool
from runtime.testing import temp_database

from portal.adapters.session_store import PostgresSessionStore
from portal.bootstrap import MIGRATIONS
from portal.config import PortalSettings

from portal_testkit.session_store_contract import SessionStoreContract, a_session

pytestmark = pytest.mark.integration


@pytest.fixture
async def store():
    async with temp_database(PortalSettings(service="portal"), MIGRATIONS) as dsn:
        pool = await create_pool(dsn)
        try:
            yield PostgresSessionStore(pool)
        finally:
            await pool.close()


class TestPostgresSessionStore(SessionStoreContract):
    async def test_the_table_holds_no_usable_session_id(self, store):
        await store.add(a_session("the-cookie-value"))
        keys = [r["id_hash"] for r in await store.pool.fetch("SELECT id_hash FROM portal_session")]
        assert keys and "the-cookie-value" not in keys
