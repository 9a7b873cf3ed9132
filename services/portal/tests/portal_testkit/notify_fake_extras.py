"""The fake notify's routes beyond COM-1 (issue 16): COM-2 "VAT return OK", with the same rules as notify's
(services/notify/README.md): once per dossier and period, a second confirmation answers the first, the confirming
client's message to the office in a new conversation; COM-4: only its author edits a message (403), not in a closed
thread (409); only a closed thread is archived (409); attachments: PDF, JPEG or PNG by their bytes (415 otherwise),
at most 10 MB (413), served to who sees the thread (404 otherwise); COM-5: the template picker, for office users,
in the recipient's language with the dossier's and recipient's names filled in; COM-3: one conversation per dossier
the caller may start one in (conversation.broadcast), the others skipped."""
from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller, error
from portal_testkit.notify_views import EDITED, file_view, written

MAGIC = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
PERIOD = re.compile(r"^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$")


async def checked_files(form: Any) -> list[dict[str, Any]] | Response:
    """The form's files as notify keeps them, or notify's refusal: at most 5 (415), PDF/JPEG/PNG by their bytes
    (415), at most 10 MB (413)."""
    items = form.getlist("files")
    if len(items) > 5:
        return error(415, "attachment_type", "at most 5 files per message", params={"max": 5})
    files = []
    for item in items:
        data = await item.read()
        kind = next((k for magic, k in MAGIC.items() if data.startswith(magic)), None)
        if len(data) > 10 * 1024 * 1024:
            return error(413, "attachment_too_large", f"{item.filename}: more than 10 MB",
                         params={"filename": item.filename, "max_mb": 10})
        if kind is None:
            return error(415, "attachment_type", f"{item.filename}: not a PDF, JPEG or PNG file",
                         params={"filename": item.filename})
        files.append({"id": str(uuid.uuid4()), "filename": item.filename, "content_type": kind, "size": len(data),
                      "data": data})
    return files


def add_extras(app: FastAPI, fake: Any, reach: Any) -> None:
    """Adds the routes to the fake notify's app; state lives on ``fake`` (``vat_confirmations``); ``reach`` is the
    fake's (user, thread, refusal) of a thread the caller may act on."""
    office = fake.office

    @app.patch("/dossiers/{dossier_id}/conversations/{thread_id}/messages/{message_id}")
    async def edit(dossier_id: str, thread_id: str, message_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.reply")
        if refused:
            return refused
        message = next((m for m in fake.messages if m["id"] == message_id and m["conversation_id"] == thread_id), None)
        if message is None:
            return error(404, "conversation_not_found", "no such message")
        if message["author_id"] != user.id:
            return error(403, "not_your_message", "only its author may edit a message")
        if thread["status"] != "open":
            return error(409, "conversation_closed", "the conversation is closed")
        text = str((await request.json()).get("text") or "").strip()
        if not 0 < len(text) <= 5000:
            return error(422, "validation_error", "text: 1 to 5000 characters")
        message.update(text=text, edited_at=fake._now())
        return JSONResponse({**{k: message[k] for k in EDITED}, "edited_at": message["edited_at"]})

    @app.post("/dossiers/{dossier_id}/conversations/{thread_id}/files")
    async def attach(dossier_id: str, thread_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.reply")
        if refused:
            return refused
        if thread["status"] != "open":
            return error(409, "conversation_closed", "the conversation is closed")
        form = await request.form()
        files = await checked_files(form)
        if isinstance(files, Response):
            return files
        text = str(form.get("text") or "").strip()
        if not text and not files:
            return error(422, "invalid_conversation", "a message needs a text or a file")
        message = fake.add(thread, text, "office" if user.role else "client", user.id, user.name)
        message["files"] = files
        return JSONResponse({**written(message), "mails_queued": 0, "files": [file_view(f) for f in files]},
                            status_code=201)

    @app.get("/dossiers/{dossier_id}/conversations/{thread_id}/files/{file_id}")
    async def download(dossier_id: str, thread_id: str, file_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.view")
        if refused:
            return refused
        found = next((f for m in fake.messages if m["conversation_id"] == thread_id for f in m.get("files", ())
                      if f["id"] == file_id), None)
        if found is None:
            return error(404, "conversation_not_found", "no such file")
        return Response(found["data"], media_type=found["content_type"],
                        headers={"Content-Disposition": f'attachment; filename="{found["filename"]}"'})

    @app.get("/dossiers/{dossier_id}/conversation-templates")
    async def templates(dossier_id: str, request: Request) -> Response:
        user, refused = caller(office, request, dossier_id, "conversation.start")
        if refused:
            return refused
        if not user.role:
            return error(403, "forbidden", "templates are for the office's conversations")
        recipient = office.users.get(request.query_params.get("recipient_user_id", ""))
        language = recipient.language if recipient else "nl"
        name, dossier = (recipient.name if recipient else office.dossiers[dossier_id]["name"]), \
            office.dossiers[dossier_id]["name"]
        titles = {"nl": ("Ontbrekende documenten", "Beste"), "fr": ("Documents manquants", "Bonjour"),
                  "de": ("Fehlende Belege", "Guten Tag"), "en": ("Missing documents", "Dear")}[language]
        return JSONResponse({"language": language, "templates": [
            {"id": "standard:documents_missing", "name": titles[0], "source": "standard",
             "subject": f"{titles[0]} – {dossier}", "text": f"{titles[1]} {name},\n\n…"}]})

    @app.post("/conversations/broadcast")
    async def broadcast(request: Request) -> Response:
        body = await request.json()
        ids = list(dict.fromkeys(body.get("dossier_ids") or []))
        if not ids or not str(body.get("subject") or "").strip() or not str(body.get("text") or "").strip():
            return error(422, "validation_error", "dossier_ids, subject and text are required")
        started, skipped = [], []
        for dossier_id in ids:
            user, refused = caller(office, request, dossier_id, "conversation.start")
            if refused is None and not user.role:
                refused = error(403, "forbidden", "clients do not broadcast")
            if refused:
                if refused.status_code == 401:
                    return refused
                skipped.append({"dossier_id": dossier_id, "reason": "not_allowed"})
                continue
            name = office.dossiers[dossier_id]["name"]
            thread = fake.ask(dossier_id, body["text"].replace("{{ dossier_name }}", name),
                              subject=body["subject"].replace("{{ dossier_name }}", name), author_name=user.name)
            fake.messages[-1].update(author_id=user.id, read_by={user.id})
            started.append({"dossier_id": dossier_id, "conversation_id": thread["id"]})
        return JSONResponse({"started": len(started), "conversations": started, "skipped": skipped},
                            status_code=201)

    @app.post("/dossiers/{dossier_id}/conversations/{thread_id}/archive")
    async def archive(dossier_id: str, thread_id: str, request: Request) -> Response:
        user, thread, refused = reach(request, dossier_id, thread_id, "conversation.close")
        if refused:
            return refused
        if thread["status"] != "closed":
            return error(409, "conversation_open", "close the conversation before archiving it")
        thread["archived_at"] = thread.get("archived_at") or fake._now()  # archiving twice keeps the first time
        return Response(status_code=204)

    @app.get("/dossiers/{dossier_id}/vat-confirmations")
    async def vat_list(dossier_id: str, request: Request) -> Response:
        user, refused = caller(office, request, dossier_id, "conversation.view")
        if refused:
            return refused
        mine = [c for c in fake.vat_confirmations if c["dossier_id"] == dossier_id]
        return JSONResponse({"confirmations": sorted(mine, key=lambda c: c["period"], reverse=True)})

    @app.post("/dossiers/{dossier_id}/vat-confirmations")
    async def vat_confirm(dossier_id: str, request: Request) -> Response:
        user, refused = caller(office, request, dossier_id, "vat_return.confirm")
        if refused:
            return refused
        period = str((await request.json()).get("period", "")).strip()
        if not PERIOD.match(period):
            return error(422, "invalid_vat_period", "a VAT period is a month or a quarter")
        earlier = next((c for c in fake.vat_confirmations if (c["dossier_id"], c["period"]) == (dossier_id, period)),
                       None)
        if earlier:
            return JSONResponse({**earlier, "already": True})
        thread = fake.ask(dossier_id, f"All documents of {period} are in.", subject=f"VAT return OK: {period}",
                          recipient_user_id=user.id, author_name=user.name)
        fake.messages[-1].update(author_side="client", author_id=user.id, read_by={user.id})
        thread["started_by_side"] = "client"
        row = {"dossier_id": dossier_id, "period": period, "confirmed_at": fake._now(), "confirmed_by": user.id,
               "confirmed_by_name": user.name, "conversation_id": thread["id"]}
        fake.vat_confirmations.append(row)
        return JSONResponse({**row, "already": False}, status_code=201)
