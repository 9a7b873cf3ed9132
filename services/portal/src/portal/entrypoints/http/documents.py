"""The mailboxes and "In processing" in the portal (ING-1, ING-5..9): lists, upload with progress,
multi-select actions, rename/labels/notes, and the page pickers of split, bulk split and merge."""
from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from portal import i18n
from portal.adapters.ingest import IngestClient
from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.i18n import N_
from portal.i18n.error_codes import say_error

router = APIRouter(route_class=PageRoute)
BOXES = (("purchases", N_("Purchases")), ("sales", N_("Sales")), ("misc", N_("Misc")),
         ("processing", N_("Sent documents")))
# issue 15 item 5: where a sent document is on its way to the books (ingest's /sent states), as the client reads it
SENT_STATES = (("processing", N_("In processing")), ("at_office", N_("At the office")),
               ("refused", N_("At the office: being corrected")), ("booked", N_("Booked")))
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_DELETE = 200  # named on the confirmation page
DUPLICATE = N_("%(name)s was not stored again: the very same file is already here as %(original)s (%(box)s, "
               "received %(date)s).")


def ingest_for(user: User) -> IngestClient:
    """Ingest on behalf of the user (their current access token)."""
    return IngestClient(user.portal.services["ingest"], user.api.session.tokens.access)


def _box(value: str | None) -> str:
    keys = [key for key, _ in BOXES]
    return value if value in keys else "purchases"


def _need(user: User, action: str, dossier_id: str) -> None:
    if not user.may(action, dossier_id):
        raise forbidden()


@router.get("/dossiers/{dossier_id}/documents")
async def documents_page(dossier_id: str, box: str | None = None, q: str = "", label: str = "", sort: str = "",
                         page: int = 1, deleted: int = 0, sent: int = 0, state: str = "",
                         user: User = Depends(current_user)) -> Response:
    """A mailbox, or the sent documents with their state and dates (issue 15 item 5), with filters and sorting;
    the upload zone for who may upload."""
    may_view, may_upload = user.may("document.view", dossier_id), user.may("document.upload", dossier_id)
    if not (may_view or may_upload):
        raise forbidden()
    current = _box(box)
    listing, labels = {"items": [], "total": 0, "page": 1, "per_page": 50}, []
    if may_view:
        ingest = ingest_for(user)
        state = state if current == "processing" and state in dict(SENT_STATES) else ""
        listing = await ingest.documents(dossier_id, current, q=q, label=label, page=max(page, 1), state=state,
                                         sort=sort or ("-sent_at" if current == "processing" else None))
        labels = (await ingest.call("GET", f"/dossiers/{dossier_id}/labels"))["labels"]
    questions = await _questions(user, dossier_id) if current == "processing" and may_view else {}
    return await dossier_page(user, "documents.html", dossier_id, boxes=BOXES, box=current, listing=listing,
                              labels=labels, q=q, label=label, sort=sort, may_view=may_view, may_upload=may_upload,
                              may_edit=user.may("document.edit", dossier_id),
                              may_split=user.may("document.split", dossier_id),
                              may_send=user.may("document.send", dossier_id),
                              may_pay=user.may("payment.create", dossier_id), deleted=max(deleted, 0),
                              sent=max(sent, 0), state=state, sent_states=SENT_STATES, questions=questions)


async def _questions(user: User, dossier_id: str) -> dict[str, str]:
    """Issue 15 item 5: the sent documents the office asked the client about (WL-6: an open conversation it started
    about the document), document id → conversation id; none when the user may not read conversations or notify
    cannot say (the list never fails for it)."""
    if not user.may("conversation.view", dossier_id):
        return {}
    try:
        threads = await notify_for(user).conversations(dossier_id)
    except ServiceCallError:
        return {}
    return {str(t["document_id"]): str(t["id"]) for t in threads
            if t.get("document_id") and t.get("status") == "open" and t.get("started_by_side") == "office"}


async def _files(request: Request) -> list[tuple[str, bytes, str]]:
    if int(request.headers.get("content-length") or 0) > MAX_UPLOAD_BYTES * 10:
        raise PageError(413, N_("Too much data"), N_("The form sent more data than the portal accepts."))
    form = await request.form(max_files=100)
    files = []
    for item in form.getlist("files"):
        if hasattr(item, "read"):
            files.append((item.filename or "document", await item.read(), item.content_type or "application/octet-stream"))
    return files


@router.post("/dossiers/{dossier_id}/documents/upload")
async def upload(dossier_id: str, box: str = "purchases", user: User = Depends(current_user)) -> Response:
    """ING-1: the files of one drag-and-drop (or a file each, for progress); ingest's answer as JSON."""
    _need(user, "document.upload", dossier_id)
    response = await ingest_for(user).upload(dossier_id, _box(box), await _files(user.request))
    said = said_refusals(said_duplicates(response.json(), user.language), user.language)
    return JSONResponse(said, status_code=response.status_code)


def said_duplicates(answer: dict[str, Any], language: str) -> dict[str, Any]:
    """ENR-5 / issue 15 item 9: ingest's answer with each byte-identical duplicate said in the user's language
    (``message``, shown as text by documents.js and kept there after the page reloads)."""
    boxes = dict(BOXES)
    with i18n.activate(language):
        for duplicate in answer.get("duplicates") or ():
            original = duplicate.get("duplicate_of") or {}
            duplicate["message"] = i18n.gettext_(DUPLICATE) % {
                "name": duplicate.get("filename"), "original": original.get("filename"),
                "box": i18n.gettext_(boxes.get(original.get("mailbox"), N_("In processing"))),
                "date": _day(original.get("created_at"), language)}
    return answer


def said_refusals(answer: dict[str, Any], language: str) -> dict[str, Any]:
    """Issue 15 item 3: each refused file (and the answer's error) said from ingest's code in the user's language,
    after the file's name; ingest's own words for a code the portal does not know."""
    error = answer.get("error")
    for item in [*(answer.get("rejected") or ()), *([error] if isinstance(error, dict) else [])]:
        text = say_error(item.get("code"), None, language)
        if text:
            item["message"] = f"{item['filename']}: {text}" if item.get("filename") else text
    return answer


def _day(timestamp: Any, language: str) -> str:
    """The day of an ISO timestamp as the language writes it; '?' when there is none to read."""
    try:
        return format_date(date.fromisoformat(str(timestamp)[:10]), "medium", locale=language)
    except ValueError:
        return "?"


@router.post("/dossiers/{dossier_id}/documents/actions")
async def actions(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """Multi-select actions: send (ING-9), delete (ING-5), merge (ING-7: on to the page picker)."""
    action, ids, box = user.form.get("action"), user.form.getlist("ids"), _box(user.form.get("box"))
    back = f"/dossiers/{dossier_id}/documents?box={box}"
    if not ids:
        return redirect(user.request, back)
    ingest = ingest_for(user)
    if action == "send":
        _need(user, "document.send", dossier_id)
        answer = await ingest.call("POST", f"/dossiers/{dossier_id}/send", json={"document_ids": ids})
        count = len((answer or {}).get("documents") or ids)  # issue 15 item 5: said, and shown where they are
        return redirect(user.request, f"/dossiers/{dossier_id}/documents?box=processing&sent={count}")
    elif action == "delete":
        _need(user, "document.edit", dossier_id)
        return await _delete(user, ingest, dossier_id, list(dict.fromkeys(ids)), box)
    elif action == "merge":
        _need(user, "document.split", dossier_id)
        return redirect(user.request, f"/dossiers/{dossier_id}/documents/merge?box={box}&ids={','.join(ids)}")
    return redirect(user.request, back)


async def _delete(user: User, ingest: IngestClient, dossier_id: str, ids: list[str], box: str) -> Response:
    """ING-5 delete, asked first (issue 15 item 4): a page names the documents; its confirmation deletes them and
    the mailbox then says how many went."""
    if user.form.get("confirmed") != "1":
        documents = []
        for document_id in ids[:MAX_DELETE]:
            try:
                documents.append(await ingest.call("GET", f"/dossiers/{dossier_id}/documents/{document_id}"))
            except ServiceCallError as exc:
                if exc.status != 404:
                    raise
        return await dossier_page(user, "documents_delete.html", dossier_id, box=box, documents=documents)
    for document_id in ids:
        await ingest.call("DELETE", f"/dossiers/{dossier_id}/documents/{document_id}")
    return redirect(user.request, f"/dossiers/{dossier_id}/documents?box={box}&deleted={len(ids)}")


@router.post("/dossiers/{dossier_id}/documents/{document_id}/edit")
async def edit(dossier_id: str, document_id: str, user: User = Depends(current_user)) -> Response:
    """ING-5: rename, labels (comma separated) and note of one document."""
    _need(user, "document.edit", dossier_id)
    form = user.form
    body = {"filename": form.get("filename") or None, "note": form.get("note"),
            "labels": [v.strip() for v in form.get("labels").split(",") if v.strip()]}
    await ingest_for(user).call("PATCH", f"/dossiers/{dossier_id}/documents/{document_id}",
                                json={k: v for k, v in body.items() if v is not None})
    return redirect(user.request, f"/dossiers/{dossier_id}/documents?box={_box(form.get('box'))}")


@router.get("/dossiers/{dossier_id}/documents/{document_id}/download")
async def download(dossier_id: str, document_id: str, user: User = Depends(current_user)) -> Response:
    _need(user, "document.view", dossier_id)
    got = await ingest_for(user).call("GET", f"/dossiers/{dossier_id}/documents/{document_id}/content", raw=True)
    return file_response(got.content, got.headers.get("content-type") or "application/octet-stream",
                         disposition=got.headers.get("content-disposition", "attachment"))


@router.get("/dossiers/{dossier_id}/documents/{document_id}/pages/{page}.png")
async def thumbnail(dossier_id: str, document_id: str, page: int, user: User = Depends(current_user)) -> Response:
    _need(user, "document.view", dossier_id)
    got = await ingest_for(user).call("GET", f"/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail",
                                      raw=True)
    return file_response(got.content, "image/png", cache="private, max-age=3600")
