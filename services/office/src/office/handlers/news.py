"""News and help use cases (PLT-3): the admin publishes, edits and withdraws news items; everyone allowed reads the
current ones meant for them, with an unread count; each user's help marks (news seen, quick-start dismissed)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from office.adapters import news as repo
from office.domain.errors import Conflict, NotFound
from office.domain.news import AUDIENCES_OF_KIND, parse_news, texts_json
from office.handlers.context import Caller, Deps


def _kind(caller: Caller) -> str:
    return caller.account.kind if caller.account else "api_key"


async def current_news(deps: Deps, caller: Caller) -> dict[str, Any]:
    """The current items meant for the caller (office staff or clients), newest first, and how many are unread."""
    caller.may("help.view")
    async with deps.pool.acquire() as conn:
        items = await repo.listing(conn, caller.office["id"], audiences=AUDIENCES_OF_KIND.get(_kind(caller), ()))
        seen: datetime | None = (await repo.marks(conn, caller.user_id))["news_seen_at"] if caller.user_id else None
    seen_iso = seen.isoformat() if seen else None
    for item in items:
        item["unread"] = seen is None or datetime.fromisoformat(item["published_at"]) > seen
    return {"items": items, "unread": sum(1 for i in items if i["unread"]), "seen_at": seen_iso}


async def all_news(deps: Deps, caller: Caller) -> dict[str, Any]:
    """Every item of the office, withdrawn ones too, for the admin who manages them."""
    caller.may("news.manage")
    async with deps.pool.acquire() as conn:
        return {"items": await repo.listing(conn, caller.office["id"], audiences=None, limit=500)}


async def get_news(deps: Deps, caller: Caller, item_id: str) -> dict[str, Any]:
    caller.may("news.manage")
    async with deps.pool.acquire() as conn:
        item = await repo.get(conn, caller.office["id"], item_id)
    if item is None:
        raise NotFound("no such news item in your office")
    return item


async def publish(deps: Deps, caller: Caller, body: Any) -> dict[str, Any]:
    caller.may("news.manage")
    item = parse_news(body)
    async with deps.transaction() as conn:
        return await repo.create(conn, caller.office["id"], caller.user_id, item.audience, texts_json(item),
                                 item.link, deps.clock())


async def edit(deps: Deps, caller: Caller, item_id: str, body: Any) -> dict[str, Any]:
    """Replace a current item's audience, texts and link (its publication date stays: no new unread mark)."""
    caller.may("news.manage")
    item = parse_news(body)
    async with deps.transaction() as conn:
        await _current(conn, caller, item_id)
        return await repo.update(conn, item_id, item.audience, texts_json(item), item.link, deps.clock())


async def withdraw(deps: Deps, caller: Caller, item_id: str) -> dict[str, Any]:
    caller.may("news.manage")
    async with deps.transaction() as conn:
        await _current(conn, caller, item_id)
        return await repo.withdraw(conn, item_id, deps.clock())


async def _current(conn: Any, caller: Caller, item_id: str) -> dict[str, Any]:
    item = await repo.get(conn, caller.office["id"], item_id, for_update=True)
    if item is None:
        raise NotFound("no such news item in your office")
    if item["withdrawn_at"] is not None:
        raise Conflict("this news item was withdrawn", reason="news_withdrawn")
    return item


async def help_marks(deps: Deps, caller: Caller) -> dict[str, Any]:
    """The caller's help marks: when they last opened the news, whether they dismissed the quick-start."""
    caller.may("help.view")
    async with deps.pool.acquire() as conn:
        marks = await repo.marks(conn, caller.user_id) if caller.user_id else {}
    seen, dismissed = marks.get("news_seen_at"), marks.get("quick_start_dismissed_at")
    return {"news_seen_at": seen.isoformat() if seen else None, "quick_start_dismissed": dismissed is not None}


async def set_mark(deps: Deps, caller: Caller, mark: str) -> None:
    """Record that the caller opened the news (``news_seen_at``) or dismissed the quick-start."""
    caller.may("help.view")
    if caller.user_id is None:  # an API key has no help marks (help.view refuses it before)
        raise NotFound("no user")
    async with deps.transaction() as conn:
        await repo.mark(conn, caller.user_id, mark, deps.clock())
