"""Mailboxes and "In processing" (ING-5): lists with paging, filters and sorting; one document; edit, delete,
download and page thumbnails."""
from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Request, Response
from pydantic import BaseModel, Field
from runtime.auth.fastapi import require, require_any
from runtime.http_media import file_answer
from runtime.paging import page_field, page_size_field
from runtime.storage import content_disposition

from ingest.domain import timeline
from ingest.domain.errors import NotFound
from ingest.domain.files import CONTENT_TYPES, Kind
from ingest.domain.ports import DocumentFilter
from ingest.domain.rules import MAX_PER_PAGE, parse_sort
from ingest.entrypoints.http.common import deps_of, view
from ingest.entrypoints.http.schemas import DocumentOut, DocumentPage, LabelsOut, MailNotesOut, SentPage
from ingest.handlers import editing

router = APIRouter(tags=["documents"])
Mailbox = Literal["purchases", "sales", "misc"]
PROCESSING = ("processing",)
NOTE_FIELDS = ("message_id", "sender", "subject", "body", "problems", "documents", "received_at")
STORED_TYPES = tuple(t for kind, t in CONTENT_TYPES.items() if kind is not Kind.ZIP)  # a ZIP is unpacked, not kept


async def _page(request: Request, dossier_id: UUID, statuses: tuple[str, ...], mailbox: str | None, *,
                label: str | None, q: str | None, source: str | None, flagged: bool, sort: str | None,
                page: int, per_page: int, refused: bool | None = None) -> dict:
    filters = DocumentFilter(label=label, q=q, source=source, flagged=flagged, refused=refused)
    order = parse_sort(sort)
    async with deps_of(request).uow() as uow:
        items, total = await uow.documents.search(dossier_id, statuses=statuses, mailbox=mailbox, filters=filters,
                                                  sort=order, limit=per_page, offset=(page - 1) * per_page)
    return {"items": [view(d) for d in items], "total": total, "page": page, "per_page": per_page}


class ListQuery(BaseModel):
    """Filters, sorting and paging of a document list."""

    label: str | None = None
    q: str | None = Field(default=None, max_length=100, description="text in the name, sender or note")
    source: Literal["portal", "email", "mobile", "api"] | None = None
    flagged: bool = False
    sort: str | None = Field(default=None, description="created_at, filename, page_count, size, sent_at, sender; "
                                                       "'-' first for descending (default -created_at)")
    page: int = page_field()
    per_page: int = page_size_field(most=MAX_PER_PAGE)


@router.get("/dossiers/{dossier_id}/mailboxes/{mailbox}/documents", summary="List a mailbox (ING-5)",
            response_model=DocumentPage)
async def list_mailbox(request: Request, dossier_id: UUID, mailbox: Mailbox, query: ListQuery = Depends(),
                       _=Depends(require("document.view"))) -> dict:
    return await _page(request, dossier_id, ("mailbox",), mailbox, **query.model_dump())


@router.get("/dossiers/{dossier_id}/processing", summary='List "In processing" (ING-9)', response_model=DocumentPage)
async def list_processing(request: Request, dossier_id: UUID, box: Mailbox | None = None,
                          query: ListQuery = Depends(), _=Depends(require("document.view"))) -> dict:
    return await _page(request, dossier_id, PROCESSING, box, **query.model_dump())


@router.get("/dossiers/{dossier_id}/sent", summary="Sent documents and where each is on its way to the books",
            response_model=SentPage)
async def list_sent(request: Request, dossier_id: UUID, box: Mailbox | None = None,
                    state: Literal["processing", "at_office", "refused", "booked"] | None = None,
                    query: ListQuery = Depends(), _=Depends(require("document.view"))) -> dict:
    """ING-9 / issue 15 item 5: every document sent to the office, with its state (processing, at_office, refused,
    booked) and the dates it reached each (sent_at, processed_at, refused_at, booked_at); filter by state."""
    statuses, refused = timeline.STATE_FILTERS[state] if state else (timeline.SENT_STATUSES, None)
    listing = await _page(request, dossier_id, statuses, box, refused=refused, **query.model_dump())
    for item in listing["items"]:
        item["state"] = timeline.sent_state(item)
    return listing


@router.get("/dossiers/{dossier_id}/mailboxes/{mailbox}/notes", summary="E-mails kept as notes (ING-2)",
            response_model=MailNotesOut)
async def mail_notes(request: Request, dossier_id: UUID, mailbox: Mailbox,
                     _=Depends(require("document.view"))) -> dict:
    async with deps_of(request).uow() as uow:
        notes = await uow.mails.notes(dossier_id, mailbox)
    return {"items": [{k: getattr(m, k) for k in NOTE_FIELDS} for m in notes]}


@router.get("/dossiers/{dossier_id}/labels", summary="Labels in use on the dossier's documents",
            response_model=LabelsOut)
async def labels(request: Request, dossier_id: UUID, _=Depends(require("document.view"))) -> dict:
    async with deps_of(request).uow() as uow:
        return {"labels": await uow.documents.labels(dossier_id)}


@router.get("/dossiers/{dossier_id}/documents/{document_id}", summary="One document", response_model=DocumentOut)
async def get_document(request: Request, dossier_id: UUID, document_id: UUID,
                       _=Depends(require("document.view"))) -> dict:
    async with deps_of(request).uow() as uow:
        doc = await uow.documents.get(dossier_id, document_id)
    if doc is None:
        raise NotFound(f"document {document_id} is not in this dossier")
    return view(doc)


class DocumentChanges(BaseModel):
    """What may change on a document: name, labels, note, mailbox (ING-5)."""

    filename: str | None = Field(default=None, min_length=1, max_length=255)
    labels: list[str] | None = None
    note: str | None = Field(default=None, max_length=4000)
    mailbox: Mailbox | None = None


@router.patch("/dossiers/{dossier_id}/documents/{document_id}", summary="Rename, label, annotate or move (ING-5)",
              response_model=DocumentOut)
async def edit_document(request: Request, dossier_id: UUID, document_id: UUID, body: DocumentChanges,
                        _=Depends(require("document.edit"))) -> dict:
    changes = body.model_dump(exclude_unset=True)
    return view(await editing.edit(deps_of(request), dossier_id, document_id, changes))


@router.delete("/dossiers/{dossier_id}/documents/{document_id}", status_code=204, summary="Delete (ING-5)")
async def delete_document(request: Request, dossier_id: UUID, document_id: UUID,
                          _=Depends(require("document.edit"))) -> Response:
    await editing.delete(deps_of(request), dossier_id, document_id)
    return Response(status_code=204)


READERS = ("document.view", "worklist.view")
"""Who may read a document's content: mailbox readers, and worklist readers (e.g. SUPPORT, or a client in
hybrid mode) for the documents that were sent into processing, which they annotate (WL-5)."""


@router.get("/dossiers/{dossier_id}/documents/{document_id}/content", summary="Download (ING-5)",
            **file_answer("the stored file (or with ?original=true the photo it was made from)", *STORED_TYPES))
async def download(request: Request, dossier_id: UUID, document_id: UUID, original: bool = False,
                   granted: str = Depends(require_any(*READERS))) -> Response:
    data, media_type, name = await editing.content(deps_of(request), dossier_id, document_id, original,
                                                   sent_only=granted != "document.view")
    return Response(data, media_type=media_type, headers={"content-disposition": content_disposition(name)})


@router.get("/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail",
            summary="A page as a PNG thumbnail (page picker of split and merge)",
            **file_answer("the page as a PNG", "image/png"))
async def page_thumbnail(request: Request, dossier_id: UUID, document_id: UUID, page: int = Path(ge=1),
                         granted: str = Depends(require_any(*READERS))) -> Response:
    image = await editing.thumbnail(deps_of(request), dossier_id, document_id, page,
                                    sent_only=granted != "document.view")
    return Response(image, media_type="image/png", headers={"cache-control": "private, max-age=3600"})
