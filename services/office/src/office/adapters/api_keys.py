"""Postgres repository of integration API keys (ING-4): only their SHA-256 is stored."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

_COLUMNS = "id, office_id, dossier_id, mailbox, name, prefix, created_at, revoked_at"


def as_json(row: asyncpg.Record) -> dict[str, Any]:
    """The API form of a key (never the key itself)."""
    return {"id": str(row["id"]), "dossier_id": str(row["dossier_id"]), "mailbox": row["mailbox"],
            "name": row["name"], "prefix": row["prefix"], "created_at": row["created_at"].isoformat(),
            "revoked_at": row["revoked_at"].isoformat() if row["revoked_at"] else None}


async def create(conn: asyncpg.Connection, *, office_id: str, dossier_id: str, mailbox: str, name: str, prefix: str,
                 key_hash: bytes, created_by: str | None) -> asyncpg.Record:
    """Store a new key's hash; returns its row."""
    return await conn.fetchrow(
        f"""INSERT INTO api_keys (id, office_id, dossier_id, mailbox, name, prefix, key_hash, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {_COLUMNS}""",
        uuid.uuid4(), uuid.UUID(office_id), uuid.UUID(dossier_id), mailbox, name, prefix, key_hash,
        uuid.UUID(created_by) if created_by else None)


async def of_dossier(conn: asyncpg.Connection, dossier_id: str) -> list[asyncpg.Record]:
    """The dossier's keys, newest first."""
    return await conn.fetch(f"SELECT {_COLUMNS} FROM api_keys WHERE dossier_id = $1 ORDER BY created_at DESC, id",
                            uuid.UUID(dossier_id))


async def by_hash(conn: asyncpg.Connection, key_hash: bytes) -> asyncpg.Record | None:
    """The key with this hash, revoked or not."""
    return await conn.fetchrow(f"SELECT {_COLUMNS} FROM api_keys WHERE key_hash = $1", key_hash)


async def get(conn: asyncpg.Connection, key_id: str) -> asyncpg.Record | None:
    """The key with this id."""
    try:
        kid = uuid.UUID(str(key_id))
    except ValueError:
        return None
    return await conn.fetchrow(f"SELECT {_COLUMNS} FROM api_keys WHERE id = $1", kid)


async def revoke(conn: asyncpg.Connection, key_id: str, now: datetime) -> None:
    """Revoke a key: it is refused from now on."""
    await conn.execute("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1",
                       uuid.UUID(key_id), now)
