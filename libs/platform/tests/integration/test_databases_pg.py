"""Creating databases on the real Postgres while someone else briefly holds template1 (parallel test runs, tools)."""
import asyncio
import uuid

import asyncpg
import pytest

from runtime.config import Settings
from runtime.db import drop_database, ensure_database

pytestmark = pytest.mark.integration


async def test_a_database_is_created_once_template1_is_free_again():
    """CREATE DATABASE waits 5 s for other sessions on template1, then refuses; ensure_database retries longer."""
    settings = Settings()
    admin = settings.dsn("postgres")
    name = f"test_busy_{uuid.uuid4().hex[:10]}"
    holder = await asyncpg.connect(settings.dsn("template1"))

    async def release_soon() -> None:
        await asyncio.sleep(6.5)
        await holder.close()

    try:
        created, _ = await asyncio.gather(ensure_database(admin, name), release_soon())
        assert created is True
        assert await ensure_database(admin, name) is False
    finally:
        if not holder.is_closed():
            await holder.close()
        await drop_database(admin, name)
