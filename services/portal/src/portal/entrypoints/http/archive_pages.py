"""A dossier's archive (REP-3): booked documents with search (counterparty, number, amount, journal, dates), one
document with its entry and a preview of its first page, the original's download and the Excel export.

The list and detail come from reporting (``archive.view``); the file and page images from ingest, which lets a
mailbox or worklist reader (``document.view`` / ``worklist.view``) read a document sent into processing. A profile
with the archive but neither right (FULL_FEEDBACK) sees the data without the file."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Response

from portal.entrypoints.http.documents import ingest_for
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.report_nav import filtered, filters_of, formats, need, passed_on, reporting_for
from portal.entrypoints.http.web import PageRoute, forbidden

router = APIRouter(route_class=PageRoute)
ARCHIVE_FILTERS = ("q", "type", "mailbox", "from", "to")
PAGE_SIZE = 50


def may_read_files(user: User, dossier_id: str) -> bool:
    return user.may("document.view", dossier_id) or user.may("worklist.view", dossier_id)


@router.get("/dossiers/{dossier_id}/archive")
async def archive_page(dossier_id: str, page: int = 1, user: User = Depends(current_user)) -> Response:
    """REP-3: the booked and received documents matching the search, newest first, a page at a time."""
    need(user, "archive.view", dossier_id)
    query, page = filters_of(dict(user.request.query_params), ARCHIVE_FILTERS), max(page, 1)
    found, problems = await filtered(
        reporting_for(user).archive(dossier_id, {**query, "page": page, "page_size": PAGE_SIZE}),
        {"total": 0, "documents": []})
    pages = (int(found["total"]) + PAGE_SIZE - 1) // PAGE_SIZE
    return user.page("archive.html", dossier_id=dossier_id, query=query, problems=problems, found=found, page=page,
                     may_pay=user.may("payment.create", dossier_id),  # PAY-1: Pay from the archive
                     pages=pages, base_query=urlencode(query), **formats(user),
                     **await dossier_context(user, dossier_id), status=422 if problems else 200)


@router.get("/dossiers/{dossier_id}/archive/export.xlsx")
async def archive_export(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The filtered archive as reporting's Excel sheet."""
    need(user, "archive.view", dossier_id)
    query = filters_of(dict(user.request.query_params), ARCHIVE_FILTERS)
    return passed_on(await reporting_for(user).export(dossier_id, "archive", query))


@router.get("/dossiers/{dossier_id}/archive/{document_id}")
async def archive_document(dossier_id: str, document_id: str, user: User = Depends(current_user)) -> Response:
    """One archived document: what it is, the entry it was booked as (journal, period, lines), its first page."""
    need(user, "archive.view", dossier_id)
    document = await reporting_for(user).archive_document(dossier_id, document_id)
    return user.page("archive_document.html", dossier_id=dossier_id, document=document,
                     files=may_read_files(user, dossier_id), **formats(user),
                     **await dossier_context(user, dossier_id))


async def _archived(user: User, dossier_id: str, document_id: str) -> None:
    """403/404 unless the user may see the archive and the document is in it (reporting answers)."""
    need(user, "archive.view", dossier_id)
    if not may_read_files(user, dossier_id):
        raise forbidden()
    await reporting_for(user).archive_document(dossier_id, document_id)


@router.get("/dossiers/{dossier_id}/archive/{document_id}/file")
async def archive_file(dossier_id: str, document_id: str, original: bool = False,
                       user: User = Depends(current_user)) -> Response:
    """The document as ingest keeps it or, with ``original``, the file it was made from (a photo, the merged parts).

    Not the OCR'd searchable PDF of a scan (REC-1): ingest does not serve that one yet."""
    await _archived(user, dossier_id, document_id)
    return passed_on(await ingest_for(user).call(
        "GET", f"/dossiers/{dossier_id}/documents/{document_id}/content",
        params={"original": "true"} if original else {}, raw=True))


@router.get("/dossiers/{dossier_id}/archive/{document_id}/pages/{page}.png")
async def archive_page_image(dossier_id: str, document_id: str, page: int,
                             user: User = Depends(current_user)) -> Response:
    """A page of the document as a PNG, for the preview in the page (img-src 'self' under the CSP)."""
    await _archived(user, dossier_id, document_id)
    got = await ingest_for(user).call(
        "GET", f"/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail", raw=True)
    return file_response(got.content, "image/png", cache="private, max-age=3600")
