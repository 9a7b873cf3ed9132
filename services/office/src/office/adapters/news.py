"""Postgres repository of the office's news items and each user's help marks (PLT-3): domain.ports.News."""
from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from office.adapters.dossiers import as_uuid
from office.domain.news import MARKS, HelpMarks, NewsItem


def _item(row: asyncpg.Record) -> NewsItem:
    return NewsItem(id=str(row["id"]), audience=row["audience"], texts=row["texts"], link=row["link"],
                    published_at=row["published_at"], updated_at=row["updated_at"], withdrawn_at=row["withdrawn_at"])


class PgNews:
    """Implements domain.ports.News on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def create(self, office_id: str, user_id: str | None, audience: str, texts: dict[str, dict[str, str]],
                     link: str | None, now: datetime) -> NewsItem:
        row = await self.conn.fetchrow(
            "INSERT INTO news_items (id, office_id, audience, texts, link, published_by, published_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *",
            uuid.uuid4(), uuid.UUID(office_id), audience, texts, link, uuid.UUID(user_id) if user_id else None, now)
        return _item(row)

    async def get(self, office_id: str, item_id: str, *, for_update: bool = False) -> NewsItem | None:
        key = as_uuid(item_id)
        if key is None:
            return None
        lock = " FOR UPDATE" if for_update else ""
        row = await self.conn.fetchrow(f"SELECT * FROM news_items WHERE id = $1 AND office_id = $2{lock}",
                                       key, uuid.UUID(office_id))
        return _item(row) if row else None

    async def update(self, item_id: str, audience: str, texts: dict[str, dict[str, str]], link: str | None,
                     now: datetime) -> NewsItem:
        row = await self.conn.fetchrow(
            "UPDATE news_items SET audience = $2, texts = $3, link = $4, updated_at = $5 WHERE id = $1 RETURNING *",
            uuid.UUID(item_id), audience, texts, link, now)
        return _item(row)

    async def withdraw(self, item_id: str, now: datetime) -> NewsItem:
        row = await self.conn.fetchrow("UPDATE news_items SET withdrawn_at = $2 WHERE id = $1 RETURNING *",
                                       uuid.UUID(item_id), now)
        return _item(row)

    async def listing(self, office_id: str, *, audiences: tuple[str, ...] | None, limit: int = 100) -> list[NewsItem]:
        if audiences is None:
            rows = await self.conn.fetch(
                "SELECT * FROM news_items WHERE office_id = $1 ORDER BY published_at DESC LIMIT $2",
                uuid.UUID(office_id), limit)
        else:
            rows = await self.conn.fetch(
                "SELECT * FROM news_items WHERE office_id = $1 AND withdrawn_at IS NULL AND audience = ANY($2::text[])"
                " ORDER BY published_at DESC LIMIT $3", uuid.UUID(office_id), list(audiences), limit)
        return [_item(r) for r in rows]

    async def marks(self, user_id: str) -> HelpMarks:
        row = await self.conn.fetchrow("SELECT * FROM help_marks WHERE user_id = $1", uuid.UUID(user_id))
        return HelpMarks(row["news_seen_at"], row["quick_start_dismissed_at"]) if row else HelpMarks()

    async def mark(self, user_id: str, mark: str, now: datetime) -> None:
        assert mark in MARKS, mark
        await self.conn.execute(f"INSERT INTO help_marks (user_id, {mark}) VALUES ($1, $2)"
                                f" ON CONFLICT (user_id) DO UPDATE SET {mark} = EXCLUDED.{mark}",
                                uuid.UUID(user_id), now)
