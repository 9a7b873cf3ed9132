"""The fake office's news and help marks (PLT-3, services/office/API.md "News and help marks"): in memory, same
rules (audiences, one text for all or per language, http(s) links, withdrawn items kept), same error shapes.
Kept honest by portal_testkit/office_contract.py (the same suite against the real office)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from runtime.http import error_response

from portal_testkit.office_state import FakeOffice, new_id

LANGUAGES = {"nl", "fr", "en", "de"}
AUDIENCES = {"collaborator": ("office", "both"), "client": ("clients", "both")}


def news_errors(body: Any) -> list[dict[str, str]]:
    """The office's field errors for a news item (the same paths and codes)."""
    if not isinstance(body, dict):
        return [{"field": "body", "code": "object", "message": "the news item must be a JSON object"}]
    bad = [{"field": k, "code": "unknown", "message": "extra"} for k in body if k not in ("audience", "texts", "link")]
    if body.get("audience") not in ("office", "clients", "both"):
        bad.append({"field": "audience", "code": "choice", "message": "office, clients or both"})
    texts = body.get("texts") or {}
    if not texts:
        bad.append({"field": "texts", "code": "too_few", "message": "at least one text"})
    elif set(texts) - LANGUAGES - {"all"}:
        bad.append({"field": "texts", "code": "language", "message": "unknown language"})
    elif "all" in texts and len(texts) > 1:
        bad.append({"field": "texts", "code": "all_and_languages", "message": "not both"})
    for lang, text in texts.items() if isinstance(texts, dict) else ():
        for part, limit in (("title", 120), ("text", 4000)):
            value = str((text or {}).get(part) or "").strip()
            if not value or len(value) > limit:
                bad.append({"field": f"texts.{lang}.{part}", "code": "too_short" if not value else "too_long",
                            "message": "length"})
    link = body.get("link")
    if link and not str(link).startswith(("https://", "http://")):
        bad.append({"field": "link", "code": "url", "message": "a web address"})
    return bad


def register_news(r: APIRouter, fake: FakeOffice, caller, check) -> None:
    def now() -> str:
        return datetime.now(timezone.utc).isoformat()

    def invalid(body: Any) -> Response | None:
        bad = news_errors(body)
        return error_response(422, "validation_error", "invalid", fields=bad) if bad else None

    def texts_of(body: dict) -> dict:
        return {k: {"title": v["title"].strip(), "text": v["text"].strip()} for k, v in body["texts"].items()}

    @r.get("/news")
    async def current(request: Request) -> dict:
        user = caller(request)
        check(user, "help.view")
        seen = fake.help_marks.get(user.id, {}).get("news_seen_at")
        items = [{**i, "unread": seen is None or i["published_at"] > seen}
                 for i in sorted(fake.news.values(), key=lambda i: i["published_at"], reverse=True)
                 if i["withdrawn_at"] is None and i["audience"] in AUDIENCES[user.kind]]
        return {"items": items, "unread": sum(1 for i in items if i["unread"]), "seen_at": seen}

    @r.post("/news", status_code=201)
    async def publish(request: Request) -> Any:
        check(caller(request), "news.manage")
        body = await request.json()
        if (refused := invalid(body)) is not None:
            return refused
        stamp = now()
        item = {"id": new_id(), "audience": body["audience"], "texts": texts_of(body), "link": body.get("link"),
                "published_at": stamp, "updated_at": stamp, "withdrawn_at": None}
        fake.news[item["id"]] = item
        return item

    @r.get("/news/all")
    async def every(request: Request) -> dict:
        check(caller(request), "news.manage")
        return {"items": sorted(fake.news.values(), key=lambda i: i["published_at"], reverse=True)}

    @r.post("/news/seen", status_code=204)
    async def seen(request: Request) -> Response:
        user = caller(request)
        check(user, "help.view")
        fake.help_marks.setdefault(user.id, {})["news_seen_at"] = now()
        return Response(status_code=204)

    def found(item_id: str) -> dict | None:
        return fake.news.get(item_id)

    @r.get("/news/{item_id}")
    async def one(request: Request, item_id: str) -> Any:
        check(caller(request), "news.manage")
        item = found(item_id)
        return item if item else error_response(404, "not_found", "no such news item in your office")

    @r.put("/news/{item_id}")
    async def edit(request: Request, item_id: str) -> Any:
        check(caller(request), "news.manage")
        body = await request.json()
        if (refused := invalid(body)) is not None:
            return refused
        item = found(item_id)
        if item is None:
            return error_response(404, "not_found", "no such news item in your office")
        if item["withdrawn_at"]:
            return error_response(409, "conflict", "this news item was withdrawn")
        item.update(audience=body["audience"], texts=texts_of(body), link=body.get("link"), updated_at=now())
        return item

    @r.post("/news/{item_id}/withdraw")
    async def withdraw(request: Request, item_id: str) -> Any:
        check(caller(request), "news.manage")
        item = found(item_id)
        if item is None:
            return error_response(404, "not_found", "no such news item in your office")
        if item["withdrawn_at"]:
            return error_response(409, "conflict", "this news item was withdrawn")
        item["withdrawn_at"] = now()
        return item

    @r.get("/help/marks")
    async def marks(request: Request) -> dict:
        user = caller(request)
        check(user, "help.view")
        mine = fake.help_marks.get(user.id, {})
        return {"news_seen_at": mine.get("news_seen_at"), "quick_start_dismissed": bool(mine.get("quick_start"))}

    @r.post("/help/marks/quick-start", status_code=204)
    async def dismiss(request: Request) -> Response:
        user = caller(request)
        check(user, "help.view")
        fake.help_marks.setdefault(user.id, {})["quick_start"] = now()
        return Response(status_code=204)
