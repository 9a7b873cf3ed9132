"""Postgres repository of integration API keys (ING-4): only their SHA-256 is stored."""
from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from office.domain.api_key import ApiKey

_COLUMNS = "id, office_id, dossier_id, mailbox, name, prefix, created_at, revoked_at"


def _key(row: asyncpg.Record | None) -> ApiKey | None:
    if row is None:
        return None
    return ApiKey(id=str(row["id"]), office_id=str(row["office_id"]), dossier_id=str(row["dossier_id"]),
                  mailbox=row["mailbox"], name=row["name"], prefix=row["prefix"], created_at=row["created_at"],
                  revoked_at=row["revoked_at"])


class PgApiKeys:
    """Implements domain.ports.ApiKeys on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def create(self, *, office_id: str, dossier_id: str, mailbox: str, name: str, prefix: str,
                     key_hash: bytes, created_by: str | None) -> ApiKey:
        row = await self.conn.fetchrow(
            f"""INSERT INTO api_keys (id, office_id, dossier_id, mailbox, name, prefix, key_hash, created_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {_COLUMNS}""",
            uuid.uuid4(), uuid.UUID(office_id), uuid.UUID(dossier_id), mailbox, name, prefix, key_hash,
            uuid.UUID(created_by) if created_by else None)
        key = _key(row)
        assert key is not None
        return key

    async def of_dossier(self, dossier_id: str) -> list[ApiKey]:
        rows = await self.conn.fetch(
            f"SELECT {_COLUMNS} FROM api_keys WHERE dossier_id = $1 ORDER BY created_at DESC, id",
            uuid.UUID(dossier_id))
        return [k for k in map(_key, rows) if k is not None]

    async def by_hash(self, key_hash: bytes) -> ApiKey | None:
        return _key(await self.conn.fetchrow(f"SELECT {_COLUMNS} FROM api_keys WHERE key_hash = $1", key_hash))

    async def get(self, key_id: str) -> ApiKey | None:
        try:
            kid = uuid.UUID(str(key_id))
        except ValueError:
            return None
        return _key(await self.conn.fetchrow(f"SELECT {_COLUMNS} FROM api_keys WHERE id = $1", kid))

    async def revoke(self, key_id: str, now: datetime) -> None:
        await self.conn.execute("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1",
                                uuid.UUID(key_id), now)
