"""News and help use cases (PLT-3): the admin publishes, edits and withdraws news items; everyone allowed reads the
current ones meant for them, with an unread count; each user's help marks (news seen, quick-start dismissed)."""
from __future__ import annotations

from typing import Any

from office.domain.errors import Conflict, NotFound
from office.domain.news import AUDIENCES_OF_KIND, HelpMarks, NewsItem, parse_news, texts_json
from office.domain.ports import UnitOfWork
from office.handlers.context import Caller, Deps


def _kind(caller: Caller) -> str:
    return caller.account.kind if caller.account else "api_key"


async def current_news(deps: Deps, caller: Caller) -> dict[str, Any]:
    """The current items meant for the caller (office staff or clients), newest first, and how many are unread."""
    caller.may("help.view")
    async with deps.uow() as uow:
        items = await uow.news.listing(caller.office.id, audiences=AUDIENCES_OF_KIND.get(_kind(caller), ()))
        seen = (await uow.news.marks(caller.user_id)).news_seen_at if caller.user_id else None
    listed = [{**item.as_json(), "unread": seen is None or item.published_at > seen} for item in items]
    return {"items": listed, "unread": sum(1 for i in listed if i["unread"]),
            "seen_at": seen.isoformat() if seen else None}


async def all_news(deps: Deps, caller: Caller) -> dict[str, Any]:
    """Every item of the office, withdrawn ones too, for the admin who manages them."""
    caller.may("news.manage")
    async with deps.uow() as uow:
        return {"items": [i.as_json() for i in await uow.news.listing(caller.office.id, audiences=None, limit=500)]}


async def get_news(deps: Deps, caller: Caller, item_id: str) -> dict[str, Any]:
    caller.may("news.manage")
    async with deps.uow() as uow:
        item = await uow.news.get(caller.office.id, item_id)
    if item is None:
        raise NotFound("no such news item in your office")
    return item.as_json()


async def publish(deps: Deps, caller: Caller, body: Any) -> dict[str, Any]:
    caller.may("news.manage")
    item = parse_news(body)
    async with deps.uow() as uow:
        stored = await uow.news.create(caller.office.id, caller.user_id, item.audience, texts_json(item),
                                       item.link, deps.clock())
    return stored.as_json()


async def edit(deps: Deps, caller: Caller, item_id: str, body: Any) -> dict[str, Any]:
    """Replace a current item's audience, texts and link (its publication date stays: no new unread mark)."""
    caller.may("news.manage")
    item = parse_news(body)
    async with deps.uow() as uow:
        await _current(uow, caller, item_id)
        stored = await uow.news.update(item_id, item.audience, texts_json(item), item.link, deps.clock())
    return stored.as_json()


async def withdraw(deps: Deps, caller: Caller, item_id: str) -> dict[str, Any]:
    caller.may("news.manage")
    async with deps.uow() as uow:
        await _current(uow, caller, item_id)
        stored = await uow.news.withdraw(item_id, deps.clock())
    return stored.as_json()


async def _current(uow: UnitOfWork, caller: Caller, item_id: str) -> NewsItem:
    item = await uow.news.get(caller.office.id, item_id, for_update=True)
    if item is None:
        raise NotFound("no such news item in your office")
    if item.withdrawn_at is not None:
        raise Conflict("this news item was withdrawn", reason="news_withdrawn")
    return item


async def help_marks(deps: Deps, caller: Caller) -> dict[str, Any]:
    """The caller's help marks: when they last opened the news, whether they dismissed the quick-start."""
    caller.may("help.view")
    marks = HelpMarks()
    if caller.user_id:
        async with deps.uow() as uow:
            marks = await uow.news.marks(caller.user_id)
    seen = marks.news_seen_at
    return {"news_seen_at": seen.isoformat() if seen else None,
            "quick_start_dismissed": marks.quick_start_dismissed_at is not None}


async def set_mark(deps: Deps, caller: Caller, mark: str) -> None:
    """Record that the caller opened the news (``news_seen_at``) or dismissed the quick-start."""
    caller.may("help.view")
    if caller.user_id is None:  # an API key has no help marks (help.view refuses it before)
        raise NotFound("no user")
    async with deps.uow() as uow:
        await uow.news.mark(caller.user_id, mark, deps.clock())
