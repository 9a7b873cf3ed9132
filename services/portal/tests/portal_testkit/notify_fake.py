"""A fake notify (its conversation API, services/notify/README.md) in memory, over the fake office's tokens and policy.

It keeps the rules the portal relies on: the dossier scope by the shared matrix (403), a client user reaches only
threads addressed to them or, with full access, to all full-access users (404 otherwise), unread = messages of
the other side without the caller's receipt, opening a thread marks it read, text 1..5000, closed threads 409.
"""
from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller
from portal_testkit.notify_fake_conversations import add_conversation_routes
from portal_testkit.notify_fake_extras import add_extras
from portal_testkit.notify_fake_templates import add_templates
from portal_testkit.notify_views import thread_view, written
from portal_testkit.office_state import FakeOffice

FULL = {"ADMINISTRATOR", "FULL_ACCESS"}
_START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


@dataclass
class FakeNotify:
    """Threads and messages; tests seed questions with ``ask`` and read what the portal did."""

    office: FakeOffice
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)
    clock: Any = field(default_factory=itertools.count)
    vat_confirmations: list[dict[str, Any]] = field(default_factory=list)  # COM-2 (notify_fake_extras)
    mail_overrides: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # COM-5 (notify_fake_templates)
    conversation_templates: dict[str, dict[str, Any]] = field(default_factory=dict)  # COM-5 (notify_fake_templates)

    def _now(self) -> str:
        return (_START + timedelta(minutes=next(self.clock))).isoformat()

    def ask(self, dossier_id: str, text: str, *, subject: str = "", recipient_user_id: str | None = None,
            document_id: str | None = None, author_name: str = "Colin Collaborator") -> dict[str, Any]:
        """The question of the worklist (WL-6) as notify stores it: a thread from the office side."""
        now = self._now()
        thread = {"id": str(uuid.uuid4()), "dossier_id": dossier_id, "subject": subject, "status": "open",
                  "recipient_user_id": recipient_user_id, "document_id": document_id, "proposal_id": None,
                  "started_by_side": "office", "created_at": now, "last_message_at": now, "closed_at": None,
                  "archived_at": None}
        self.threads[thread["id"]] = thread
        self.add(thread, text, "office", None, author_name)
        return thread

    def add(self, thread: dict[str, Any], text: str, side: str, author_id: str | None, name: str | None) -> dict:
        message = {"id": str(uuid.uuid4()), "conversation_id": thread["id"], "author_side": side,
                   "author_id": author_id, "author_name": name, "text": text, "attachments": [],
                   "created_at": self._now(), "edited_at": None, "read_by": {author_id} if author_id else set()}
        self.messages.append(message)
        thread["last_message_at"] = message["created_at"]
        return message

    def unread(self, thread_id: str, user_id: str, side: str) -> int:
        return sum(1 for m in self.messages if m["conversation_id"] == thread_id and m["author_side"] != side
                   and user_id not in m["read_by"])

    def sees(self, user, thread: dict[str, Any]) -> bool:
        if user.role:
            return True
        return thread["recipient_user_id"] == user.id or (
            thread["recipient_user_id"] is None and user.profiles.get(thread["dossier_id"]) in FULL)


def _public(fake: FakeNotify, thread: dict[str, Any], user, side: str) -> dict[str, Any]:
    return {**thread, "unread": fake.unread(thread["id"], user.id, side)}


def _text(body: dict[str, Any], name: str = "text", limit: int = 5000) -> str | None:
    value = str(body.get(name) or "").strip()
    return value if 0 < len(value) <= limit else None


def build_fake_notify(fake: FakeNotify) -> FastAPI:
    """The fake notify as an ASGI app (tests reach it through httpx.ASGITransport)."""
    app = FastAPI()
    office = fake.office

    def who(request: Request, dossier_id: str, action: str):
        return caller(office, request, dossier_id, action)

    def reach(request: Request, dossier_id: str, thread_id: str, action: str):
        """(user, thread, None) when the caller may do `action` on a thread they see; (.., .., refusal) otherwise."""
        user, refused = who(request, dossier_id, action)
        if refused:
            return None, None, refused
        t = fake.threads.get(thread_id)
        if t is None or t["dossier_id"] != dossier_id or not fake.sees(user, t):
            return None, None, _error(404, "conversation_not_found", "no such conversation in this dossier")
        return user, t, None

    @app.get("/dossiers/{dossier_id}/conversations")
    async def listing(dossier_id: str, request: Request) -> Response:
        user, refused = who(request, dossier_id, "conversation.view")
        if refused:
            return refused
        side = "office" if user.role else "client"
        archived = request.query_params.get("archived") == "true"  # COM-4
        mine = [t for t in fake.threads.values() if t["dossier_id"] == dossier_id and fake.sees(user, t)
                and bool(t.get("archived_at")) == archived]
        mine.sort(key=lambda t: t["last_message_at"], reverse=True)
        return JSONResponse({"conversations": [_public(fake, t, user, side) for t in mine]})

    @app.get("/dossiers/{dossier_id}/conversations/unread")
    async def unread(dossier_id: str, request: Request) -> Response:
        user, refused = who(request, dossier_id, "conversation.view")
        if refused:
            return refused
        side = "office" if user.role else "client"
        counts = [fake.unread(t["id"], user.id, side) for t in fake.threads.values()
                  if t["dossier_id"] == dossier_id and fake.sees(user, t)]
        return JSONResponse({"messages": sum(counts), "conversations": sum(1 for c in counts if c)})

    @app.get("/dossiers/{dossier_id}/conversations/{thread_id}")
    async def read(dossier_id: str, thread_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.view")
        if refused:
            return refused
        for m in fake.messages:
            if m["conversation_id"] == thread_id and user.id not in m["read_by"]:
                m["read_by"].add(user.id)
                m.setdefault("read_at", {})[user.id] = thread["last_message_at"]
        return JSONResponse(thread_view(fake, thread))

    @app.post("/dossiers/{dossier_id}/conversations")
    async def start(dossier_id: str, request: Request) -> Response:
        user, refused = who(request, dossier_id, "conversation.start")
        if refused:
            return refused
        body = await request.json()
        subject, text = _text(body, "subject", 200), _text(body)
        if subject is None or text is None:
            return _error(422, "validation_error", "subject and text are required")
        recipient = body.get("recipient_user_id") if user.role else user.id
        thread = fake.ask(dossier_id, text, subject=subject, recipient_user_id=recipient, author_name=user.name)
        fake.messages[-1].update(author_side="office" if user.role else "client", author_id=user.id,
                                 read_by={user.id})
        thread["started_by_side"] = "office" if user.role else "client"
        return JSONResponse(thread_view(fake, thread), status_code=201)

    @app.post("/dossiers/{dossier_id}/conversations/{thread_id}/messages")
    async def reply(dossier_id: str, thread_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.reply")
        if refused:
            return refused
        text = _text(await request.json())
        if text is None:
            return _error(422, "validation_error", "text: 1 to 5000 characters")
        if thread["status"] != "open":
            return _error(409, "conversation_closed", "the conversation is closed")
        message = fake.add(thread, text, "office" if user.role else "client", user.id, user.name)
        return JSONResponse({**written(message), "mails_queued": 0}, status_code=201)

    @app.post("/dossiers/{dossier_id}/conversations/{thread_id}/close")
    async def close(dossier_id: str, thread_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.close")
        if refused:
            return refused
        thread["status"] = "closed"
        return Response(status_code=204)

    add_extras(app, fake, reach)
    add_conversation_routes(app, fake, reach)
    add_templates(app, fake)
    return app
