"""Postgres repository of the office's news items and each user's help marks (PLT-3)."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _item(row: asyncpg.Record) -> dict[str, Any]:
    return {"id": str(row["id"]), "audience": row["audience"], "texts": row["texts"], "link": row["link"],
            "published_at": _iso(row["published_at"]), "updated_at": _iso(row["updated_at"]),
            "withdrawn_at": _iso(row["withdrawn_at"])}


async def create(conn: asyncpg.Connection, office_id: str, user_id: str | None, audience: str,
                 texts: dict[str, Any], link: str | None, now: datetime) -> dict[str, Any]:
    row = await conn.fetchrow(
        "INSERT INTO news_items (id, office_id, audience, texts, link, published_by, published_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *",
        uuid.uuid4(), uuid.UUID(office_id), audience, texts, link, uuid.UUID(user_id) if user_id else None, now)
    return _item(row)


async def get(conn: asyncpg.Connection, office_id: str, item_id: str, *, for_update: bool = False) -> dict | None:
    """The office's item, or None (another office's item is not found either)."""
    try:
        key = uuid.UUID(item_id)
    except ValueError:
        return None
    lock = " FOR UPDATE" if for_update else ""
    row = await conn.fetchrow(f"SELECT * FROM news_items WHERE id = $1 AND office_id = $2{lock}",
                              key, uuid.UUID(office_id))
    return _item(row) if row else None


async def update(conn: asyncpg.Connection, item_id: str, audience: str, texts: dict[str, Any], link: str | None,
                 now: datetime) -> dict[str, Any]:
    row = await conn.fetchrow("UPDATE news_items SET audience = $2, texts = $3, link = $4, updated_at = $5"
                              " WHERE id = $1 RETURNING *", uuid.UUID(item_id), audience, texts, link, now)
    return _item(row)


async def withdraw(conn: asyncpg.Connection, item_id: str, now: datetime) -> dict[str, Any]:
    row = await conn.fetchrow("UPDATE news_items SET withdrawn_at = $2 WHERE id = $1 RETURNING *",
                              uuid.UUID(item_id), now)
    return _item(row)


async def listing(conn: asyncpg.Connection, office_id: str, *, audiences: tuple[str, ...] | None,
                  limit: int = 100) -> list[dict[str, Any]]:
    """The office's items, newest first: the current ones for these audiences, or all (withdrawn too) for None."""
    if audiences is None:
        rows = await conn.fetch("SELECT * FROM news_items WHERE office_id = $1 ORDER BY published_at DESC LIMIT $2",
                                uuid.UUID(office_id), limit)
    else:
        rows = await conn.fetch(
            "SELECT * FROM news_items WHERE office_id = $1 AND withdrawn_at IS NULL AND audience = ANY($2::text[])"
            " ORDER BY published_at DESC LIMIT $3", uuid.UUID(office_id), list(audiences), limit)
    return [_item(r) for r in rows]


async def marks(conn: asyncpg.Connection, user_id: str) -> dict[str, Any]:
    """When the user last opened the news and dismissed the quick-start (None: never)."""
    row = await conn.fetchrow("SELECT * FROM help_marks WHERE user_id = $1", uuid.UUID(user_id))
    return {"news_seen_at": row["news_seen_at"] if row else None,
            "quick_start_dismissed_at": row["quick_start_dismissed_at"] if row else None}


async def mark(conn: asyncpg.Connection, user_id: str, column: str, now: datetime) -> None:
    """Record now as the user's ``news_seen_at`` or ``quick_start_dismissed_at``."""
    assert column in ("news_seen_at", "quick_start_dismissed_at")
    await conn.execute(f"INSERT INTO help_marks (user_id, {column}) VALUES ($1, $2)"
                       f" ON CONFLICT (user_id) DO UPDATE SET {column} = EXCLUDED.{column}", uuid.UUID(user_id), now)
