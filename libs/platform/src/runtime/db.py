"""PostgreSQL access: asyncpg pools and database creation."""
from __future__ import annotations

import asyncio
import json
import logging

import asyncpg

log = logging.getLogger(__name__)
CREATE_ATTEMPTS = 6  # each refused attempt has already waited 5 s inside Postgres


async def _init_connection(conn: asyncpg.Connection) -> None:
    # jsonb in and out as Python values, so repositories never hand-encode JSON
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Nothing to reset when a connection goes back to the pool: asyncpg has already rolled back a transaction
    left open, and no code of the platform keeps session state on a pooled connection (advisory locks are taken
    per transaction; LISTEN and session locks live on the relay's and the migrator's own connections). asyncpg's
    default reset costs a round trip on every release (pg_advisory_unlock_all, CLOSE ALL, UNLISTEN *, RESET ALL)."""


async def create_pool(dsn: str, *, min_size: int = 1, max_size: int = 10) -> asyncpg.Pool:
    """Open a pool on `dsn` with JSON codecs and a statement timeout."""
    return await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=_keep_session,
        timeout=10,
        command_timeout=60,
        server_settings={"application_name": dsn.rsplit("/", 1)[-1]},
    )


async def ensure_database(admin_dsn: str, name: str) -> bool:
    """Create database `name` if missing; return True when it was created."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"refusing database name {name!r}: letters, digits and _ only")
    conn = await asyncpg.connect(admin_dsn, timeout=10)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        for attempt in range(CREATE_ATTEMPTS):
            try:
                await conn.execute(f'CREATE DATABASE "{name}"')
                break
            except asyncpg.DuplicateDatabaseError:  # created meanwhile by another instance
                return False
            except asyncpg.ObjectInUseError:
                # someone is still on template1 (a tool, a parallel run) after Postgres waited 5 s: try again
                if attempt == CREATE_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.1 * (attempt + 1))
        log.info("created database %s", name)
        return True
    finally:
        await conn.close()


async def drop_database(admin_dsn: str, name: str) -> None:
    """Drop database `name` (tests only), closing its other connections first."""
    conn = await asyncpg.connect(admin_dsn, timeout=10)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
