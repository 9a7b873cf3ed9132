"""Tests of a service's data migration into the platform's dossier replica (issue 19 item 2): a database migrated
up to the service's migration that moves its old replica, seeded the old way, then upgraded."""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg

from runtime.config import Settings
from runtime.db import create_pool
from runtime.migrations import migrate, plan
from runtime.testing import temp_database


@contextlib.asynccontextmanager
async def before_migration(settings: Settings, migrations: Path, name: str
                           ) -> AsyncIterator[tuple[asyncpg.Pool, Callable[[], Awaitable[list[str]]]]]:
    """A fresh database with every migration before the service's `name` (e.g. "0003_platform_replica.sql");
    yields (pool, upgrade): `await upgrade()` applies `name` and the rest and returns their versions."""
    steps = plan(migrations)
    cut = next(n for n, step in enumerate(steps) if step.version == f"service:{name}")
    async with temp_database(settings, None) as dsn:
        conn = await asyncpg.connect(dsn)
        try:
            await migrate(conn, steps[:cut])
        finally:
            await conn.close()
        pool = await create_pool(dsn)

        async def upgrade() -> list[str]:
            async with pool.acquire() as conn:
                return await migrate(conn, steps)

        try:
            yield pool, upgrade
        finally:
            await pool.close()
