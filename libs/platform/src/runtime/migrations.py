"""Ordered SQL migrations, safe when several instances of a service start at once."""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import asyncpg

log = logging.getLogger(__name__)

PLATFORM_MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# one advisory lock key for "migrating this database": concurrent starters wait on it
_LOCK_KEY = 0x62665F6D6967  # "bf_mig"


class MigrationError(RuntimeError):
    """A migration file is malformed, was changed after being applied, or failed."""


@dataclass(frozen=True)
class Migration:
    """One SQL file: `namespace:NNNN_name.sql`."""

    namespace: str
    path: Path

    @property
    def version(self) -> str:
        return f"{self.namespace}:{self.path.name}"

    @property
    def sql(self) -> str:
        return self.path.read_text()

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(namespace: str, folder: Path) -> list[Migration]:
    """The migrations in `folder`, ordered by their number; refuses badly named files."""
    found = []
    for path in sorted(Path(folder).glob("*.sql")):
        if not _NAME.match(path.name):
            raise MigrationError(f"{path}: migration files are named NNNN_lowercase_name.sql")
        found.append(Migration(namespace, path))
    numbers = [m.path.name[:4] for m in found]
    if len(numbers) != len(set(numbers)):
        raise MigrationError(f"{folder}: two migrations share a number")
    return found


def plan(service_folder: Path | None) -> list[Migration]:
    """Platform migrations (outbox, inbox) first, then the service's own."""
    steps = discover("platform", PLATFORM_MIGRATIONS)
    if service_folder is not None:
        if not Path(service_folder).is_dir():
            raise MigrationError(f"migrations folder {service_folder} is missing; a service would start without its tables")
        steps += discover("service", Path(service_folder))
    return steps


async def migrate(conn: asyncpg.Connection, steps: list[Migration]) -> list[str]:
    """Apply the steps not yet applied, each in its own transaction; return their versions."""
    await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
    try:
        await conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   version text PRIMARY KEY,
                   checksum text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        rows = await conn.fetch("SELECT version, checksum FROM schema_migrations")
        applied = {r["version"]: r["checksum"] for r in rows}
        done = []
        for step in steps:
            if step.version in applied:
                if applied[step.version] != step.checksum:
                    raise MigrationError(f"{step.version} changed after it was applied; add a new migration instead")
                continue
            try:
                async with conn.transaction():
                    await conn.execute(step.sql)
                    await conn.execute(
                        "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)",
                        step.version, step.checksum,
                    )
            except asyncpg.PostgresError as exc:
                raise MigrationError(f"{step.version} failed: {exc}") from exc
            log.info("applied migration %s", step.version)
            done.append(step.version)
        return done
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)


async def migrate_dsn(dsn: str, service_folder: Path | None) -> list[str]:
    """Connect to `dsn` and apply the platform's and the service's migrations."""
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        return await migrate(conn, plan(service_folder))
    finally:
        await conn.close()
