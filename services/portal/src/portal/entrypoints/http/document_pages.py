"""The page pickers (ING-6 split, ING-8 bulk split, ING-7 merge) and the mobile capture page (ING-3)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse

from portal import i18n
from portal.entrypoints.http.documents import _box, _files, _need, ingest_for
from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.i18n import N_

MERGED = N_("merged")  # the file made of several documents' pages: "invoice (merged).pdf"
CAPTURED = N_("capture of %(count)d photos")  # the PDF several photos of the mobile capture become (ING-3)

router = APIRouter(route_class=PageRoute)


def _numbers(text: str) -> list[int]:
    try:
        return [int(v) for v in text.split(",") if v.strip()]
    except ValueError as exc:
        raise PageError(422, N_("Request refused"), N_("Choose the pages again.")) from exc


def merged_name(filename: str, language: str) -> str:
    """``invoice.pdf`` → ``invoice (merged).pdf`` with "merged" in the reader's language."""
    stem = filename[:-4] if filename.lower().endswith(".pdf") else filename
    with i18n.activate(language):
        return f"{stem or 'document'} ({i18n.gettext_(MERGED)}).pdf"


def capture_name(count: int, language: str) -> str | None:
    """The PDF of several captured photos, ``capture of 2 photos.pdf`` in the reader's language; one photo keeps
    its own name (None)."""
    if count < 2:
        return None
    with i18n.activate(language):
        return f"{i18n.gettext_(CAPTURED) % {'count': count}}.pdf"


@router.get("/dossiers/{dossier_id}/documents/merge")
async def merge_picker(dossier_id: str, ids: str = "", box: str = "purchases",
                       user: User = Depends(current_user)) -> Response:
    """ING-7: every page of the chosen documents; click the pages to keep, in order."""
    _need(user, "document.split", dossier_id)
    ingest = ingest_for(user)
    docs = [await ingest.call("GET", f"/dossiers/{dossier_id}/documents/{d}") for d in ids.split(",") if d]
    return await dossier_page(user, "document_pages.html", dossier_id, docs=docs, mode="merge", box=_box(box))


@router.post("/dossiers/{dossier_id}/documents/merge")
async def merge(dossier_id: str, user: User = Depends(current_user)) -> Response:
    _need(user, "document.split", dossier_id)
    pages = []
    for item in user.form.get("pages").split(","):
        doc, _, page = item.partition(":")
        if doc and page.isdigit():
            pages.append({"document_id": doc, "page": int(page)})
    body = {"pages": pages, "send": user.form.get("send") == "1"}
    ingest = ingest_for(user)
    if pages:  # the new file is named in the reader's language (issue 15 item 3), not ingest's "(merged)"
        first = await ingest.call("GET", f"/dossiers/{dossier_id}/documents/{pages[0]['document_id']}")
        body["filename"] = merged_name(first.get("filename") or "", user.language)
    await ingest.call("POST", f"/dossiers/{dossier_id}/merge", json=body)
    return redirect(user.request, f"/dossiers/{dossier_id}/documents?box={_box(user.form.get('box'))}")


@router.get("/dossiers/{dossier_id}/documents/{document_id}/split")
async def split_picker(dossier_id: str, document_id: str, user: User = Depends(current_user)) -> Response:
    """ING-6 / ING-8: the pages of one document; pages of one invoice turn blue, first pages (bulk) green."""
    _need(user, "document.split", dossier_id)
    doc = await ingest_for(user).call("GET", f"/dossiers/{dossier_id}/documents/{document_id}")
    return await dossier_page(user, "document_pages.html", dossier_id, docs=[doc], mode="split", box=doc["mailbox"])


@router.post("/dossiers/{dossier_id}/documents/{document_id}/split")
async def split(dossier_id: str, document_id: str, user: User = Depends(current_user)) -> Response:
    _need(user, "document.split", dossier_id)
    form, send = user.form, user.form.get("send") == "1"
    ingest, base = ingest_for(user), f"/dossiers/{dossier_id}/documents/{document_id}"
    if form.get("mode") == "bulk":
        await ingest.call("POST", f"{base}/bulk-split", json={"first_pages": _numbers(form.get("first_pages")),
                                                              "send": send})
    else:
        parts = [_numbers(group) for group in form.get("parts").split(";") if group.strip()]
        await ingest.call("POST", f"{base}/split", json={"parts": parts, "send": send})
    return redirect(user.request, f"/dossiers/{dossier_id}/documents?box={_box(form.get('box'))}")


@router.get("/dossiers/{dossier_id}/capture")
async def capture_page(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """ING-3: the mobile capture, for client users only (camera input; several photos → one document)."""
    if user.is_collaborator:
        raise forbidden()
    _need(user, "document.mobile_capture", dossier_id)
    return await dossier_page(user, "capture.html", dossier_id)


@router.post("/dossiers/{dossier_id}/capture")
async def capture(dossier_id: str, box: str = "purchases", user: User = Depends(current_user)) -> Response:
    if user.is_collaborator:
        raise forbidden()
    _need(user, "document.mobile_capture", dossier_id)
    files = await _files(user.request)  # named in the reader's language (issue 15), not ingest's English
    response = await ingest_for(user).upload(dossier_id, _box(box), files, capture=True,
                                             filename=capture_name(len(files), user.language))
    return JSONResponse(response.json(), status_code=response.status_code)
