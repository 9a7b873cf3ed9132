"""Postgres repository of the office's token signing keys: domain.ports.SigningKeys."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from office.domain.signing_key import SigningKey

_LOCK = 0x6F66_6B65_7973  # "ofkeys"


class PgSigningKeys:
    """Implements domain.ports.SigningKeys on one connection (in the caller's transaction); the lock is a
    transaction-scoped advisory lock."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def lock(self) -> None:
        await self.conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK)

    async def newest(self) -> datetime | None:
        newest: datetime | None = await self.conn.fetchval(
            "SELECT max(created_at) FROM signing_keys WHERE retired_at IS NULL")
        return newest

    async def add(self, key: SigningKey) -> None:
        await self.conn.execute("INSERT INTO signing_keys (kid, private_key, created_at) VALUES ($1, $2, $3)",
                                key.kid, key.private_key, key.created_at)

    async def retire_older(self, than: datetime, now: datetime) -> None:
        await self.conn.execute(
            "UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL AND created_at < $2 "
            "AND kid <> (SELECT kid FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1)",
            now, than)

    async def current(self) -> list[SigningKey]:
        rows = await self.conn.fetch("SELECT kid, private_key, created_at FROM signing_keys WHERE retired_at IS NULL "
                                     "ORDER BY created_at, kid")
        return [SigningKey(r["kid"], bytes(r["private_key"]), r["created_at"]) for r in rows]
