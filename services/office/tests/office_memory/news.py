"""The news repository in memory (domain.ports.News)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from office.adapters.dossiers import as_uuid
from office.domain.news import MARKS, HelpMarks, NewsItem


class MemoryNews:
    """Implements domain.ports.News in dictionaries."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[str, NewsItem]] = {}  # id -> (office id, item)
        self.marked: dict[str, HelpMarks] = {}

    async def create(self, office_id: str, user_id: str | None, audience: str, texts: dict[str, dict[str, str]],
                     link: str | None, now: datetime) -> NewsItem:
        item = NewsItem(str(uuid.uuid4()), audience, texts, link, now, now)
        self.items[item.id] = (office_id, item)
        return item

    async def get(self, office_id: str, item_id: str, *, for_update: bool = False) -> NewsItem | None:
        key = as_uuid(item_id)
        found = self.items.get(str(key)) if key else None
        return found[1] if found and found[0] == office_id else None

    def _change(self, item_id: str, **values: object) -> NewsItem:
        office_id, item = self.items[item_id]
        self.items[item_id] = (office_id, replace(item, **values))  # type: ignore[arg-type]
        return self.items[item_id][1]

    async def update(self, item_id: str, audience: str, texts: dict[str, dict[str, str]], link: str | None,
                     now: datetime) -> NewsItem:
        return self._change(item_id, audience=audience, texts=texts, link=link, updated_at=now)

    async def withdraw(self, item_id: str, now: datetime) -> NewsItem:
        return self._change(item_id, withdrawn_at=now)

    async def listing(self, office_id: str, *, audiences: tuple[str, ...] | None, limit: int = 100) -> list[NewsItem]:
        found = [i for o, i in self.items.values() if o == office_id
                 and (audiences is None or (i.withdrawn_at is None and i.audience in audiences))]
        return sorted(found, key=lambda i: i.published_at, reverse=True)[:limit]

    async def marks(self, user_id: str) -> HelpMarks:
        return self.marked.get(user_id, HelpMarks())

    async def mark(self, user_id: str, mark: str, now: datetime) -> None:
        assert mark in MARKS, mark
        self.marked[user_id] = replace(self.marked.get(user_id, HelpMarks()), **{mark: now})
