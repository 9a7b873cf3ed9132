"""News and help routes (PLT-3): the office's news items and each user's help marks."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from office.entrypoints.http.common import caller, deps_of
from office.handlers import news
from office.handlers.context import Caller

router = APIRouter()
JSON = Body(...)


@router.get("/news")
async def current_news(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.current_news(deps_of(request), who)


@router.post("/news", status_code=201)
async def publish(request: Request, body: Any = JSON, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.publish(deps_of(request), who, body)


@router.get("/news/all")
async def all_news(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.all_news(deps_of(request), who)


@router.post("/news/seen", status_code=204)
async def news_seen(request: Request, who: Caller = Depends(caller)) -> Response:
    await news.set_mark(deps_of(request), who, "news_seen_at")
    return Response(status_code=204)


@router.get("/news/{item_id}")
async def get_news(item_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.get_news(deps_of(request), who, item_id)


@router.put("/news/{item_id}")
async def edit(item_id: str, request: Request, body: Any = JSON, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.edit(deps_of(request), who, item_id, body)


@router.post("/news/{item_id}/withdraw")
async def withdraw(item_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.withdraw(deps_of(request), who, item_id)


@router.get("/help/marks")
async def help_marks(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await news.help_marks(deps_of(request), who)


@router.post("/help/marks/quick-start", status_code=204)
async def dismiss_quick_start(request: Request, who: Caller = Depends(caller)) -> Response:
    await news.set_mark(deps_of(request), who, "quick_start_dismissed_at")
    return Response(status_code=204)
