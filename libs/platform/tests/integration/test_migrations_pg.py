"""The migration runner against the real Postgres: idempotent, safe under concurrent starts."""
import asyncio

import asyncpg
import pytest

from runtime.migrations import MigrationError, migrate_dsn

pytestmark = pytest.mark.integration


async def test_second_run_applies_nothing(dsn, tmp_path):
    (tmp_path / "0001_orders.sql").write_text("CREATE TABLE orders (id int PRIMARY KEY);")
    assert await migrate_dsn(dsn, tmp_path) == ["service:0001_orders.sql"]
    assert await migrate_dsn(dsn, tmp_path) == []


async def test_concurrent_starters_apply_each_migration_once(dsn, tmp_path):
    # a non-idempotent statement: applying it twice would fail
    (tmp_path / "0001_orders.sql").write_text("CREATE TABLE orders (id int PRIMARY KEY);")
    (tmp_path / "0002_lines.sql").write_text("CREATE TABLE lines (id int PRIMARY KEY);")
    results = await asyncio.gather(*(migrate_dsn(dsn, tmp_path) for _ in range(6)))
    applied = [v for r in results for v in r]
    assert sorted(applied) == ["service:0001_orders.sql", "service:0002_lines.sql"]
    conn = await asyncpg.connect(dsn)
    try:
        assert await conn.fetchval("SELECT count(*) FROM schema_migrations WHERE version LIKE 'service:%'") == 2
    finally:
        await conn.close()


async def test_changed_migration_is_refused(dsn, tmp_path):
    step = tmp_path / "0001_orders.sql"
    step.write_text("CREATE TABLE orders (id int);")
    await migrate_dsn(dsn, tmp_path)
    step.write_text("CREATE TABLE orders (id bigint);")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        await migrate_dsn(dsn, tmp_path)


async def test_failing_migration_is_rolled_back_and_named(dsn, tmp_path):
    (tmp_path / "0001_bad.sql").write_text("CREATE TABLE ok_table (id int); SELECT * FROM missing_table;")
    with pytest.raises(MigrationError, match="0001_bad.sql failed"):
        await migrate_dsn(dsn, tmp_path)
    conn = await asyncpg.connect(dsn)
    try:
        assert await conn.fetchval("SELECT to_regclass('ok_table')") is None
    finally:
        await conn.close()
