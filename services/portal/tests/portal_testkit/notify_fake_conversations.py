"""The fake notify's routes of issue 16's conversation gaps, with notify's rules (services/notify/README.md): a new
conversation whose first message carries files (COM-1: ``POST …/conversations/with-files``, subject required, text
optional with a file, the files judged as a reply's, a client's thread addressed to them) and restoring an archived
conversation to the default list (COM-4: ``POST …/{id}/restore``, who may archive)."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller, error
from portal_testkit.notify_fake_extras import checked_files
from portal_testkit.notify_views import thread_view


def add_conversation_routes(app: FastAPI, fake: Any, reach: Any) -> None:
    """Adds the routes to the fake notify's app; ``reach`` is the fake's (user, thread, refusal) of a thread."""

    @app.post("/dossiers/{dossier_id}/conversations/with-files")
    async def start_with_files(dossier_id: str, request: Request) -> Response:
        user, refused = caller(fake.office, request, dossier_id, "conversation.start")
        if refused:
            return refused
        form = await request.form()
        subject, text = str(form.get("subject") or "").strip(), str(form.get("text") or "").strip()
        files = await checked_files(form)
        if isinstance(files, Response):
            return files
        if not subject or len(subject) > 200 or len(text) > 5000 or not (text or files):
            return error(422, "invalid_conversation", "a subject, and a text or a file")
        recipient = form.get("recipient_user_id") or None
        if not user.role and recipient not in (None, user.id):
            return error(422, "invalid_recipient", "a client user starts conversations with the office only")
        thread = fake.ask(dossier_id, text, subject=subject, recipient_user_id=recipient if user.role else user.id,
                          author_name=user.name)
        fake.messages[-1].update(author_side="office" if user.role else "client", author_id=user.id,
                                 read_by={user.id}, files=files)
        thread["started_by_side"] = "office" if user.role else "client"
        return JSONResponse(thread_view(fake, thread), status_code=201)

    @app.post("/dossiers/{dossier_id}/conversations/{thread_id}/restore")
    async def restore(dossier_id: str, thread_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.close")
        if refused:
            return refused
        thread["archived_at"] = None
        return Response(status_code=204)
