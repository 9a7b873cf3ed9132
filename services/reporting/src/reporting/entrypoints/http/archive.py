"""REP-3: the digital archive of a dossier: filtered list, detail, Excel export."""
from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http_media import file_answer
from runtime.paging import page_query, page_size_query

from reporting.adapters import archive_reads
from reporting.adapters.archive_reads import ArchiveFilter
from reporting.adapters.xlsx import XLSX, workbook
from reporting.domain.errors import NotFound
from reporting.domain.filters import MAX_EXPORT_ROWS, MAX_PAGE_SIZE, DateRange, Page
from reporting.entrypoints.http.common import dates, plain, pool, xlsx
from reporting.entrypoints.http.schemas import ArchivedDocumentDetail, ArchiveOut
from reporting.entrypoints.metrics import EXPORTS, VIEWS

router = APIRouter(prefix="/dossiers/{dossier_id}/archive", tags=["archive"])
COLUMNS = ("document_id", "received_at", "mailbox", "document_type", "filename", "status", "invoice_number",
           "booking_date", "total", "journal_code", "counterparty_name", "source")


def _filter(type: Literal["invoice", "credit_note", "receipt", "other"] | None = Query(None),  # noqa: A002
            mailbox: Literal["purchases", "sales", "misc"] | None = Query(None),
            q: str | None = Query(None, max_length=100), period: DateRange = Depends(dates)) -> ArchiveFilter:
    """``type``, ``mailbox``, ``q`` (file name, invoice number, counterparty, journal or amount), ``from``/``to``
    on the received date."""
    return ArchiveFilter(type, mailbox, q, period)


@router.get("", response_model=ArchiveOut)
async def documents(request: Request, dossier_id: UUID, f: ArchiveFilter = Depends(_filter),
                    page: int = page_query(), page_size: int = page_size_query(most=MAX_PAGE_SIZE),
                    _: Principal = Depends(require("archive.view"))) -> dict:
    """One page of the archive, newest first, with the number of matching documents."""
    paging = Page(page, page_size)
    total, rows = await archive_reads.archive(pool(request), dossier_id, f, paging.size, paging.offset)
    VIEWS.labels("archive").inc()
    return plain({"total": total, "page": paging.number, "page_size": paging.size, "documents": rows})


@router.get("/export.xlsx", **file_answer("the Excel sheet", XLSX))
async def export(request: Request, dossier_id: UUID, f: ArchiveFilter = Depends(_filter),
                 _: Principal = Depends(require("archive.view"))) -> Response:
    """The filtered archive as an Excel sheet (at most MAX_EXPORT_ROWS rows)."""
    _, rows = await archive_reads.archive(pool(request), dossier_id, f, MAX_EXPORT_ROWS)
    EXPORTS.labels("archive").inc()
    return xlsx(workbook("archive", COLUMNS, rows), "archive.xlsx")


@router.get("/{document_id}", response_model=ArchivedDocumentDetail)
async def document(request: Request, dossier_id: UUID, document_id: UUID,
                   _: Principal = Depends(require("archive.view"))) -> dict:
    """The detail panel: the document and, once booked, its entry. ``preview`` says whether ingest has a
    file to preview (every archived document has one; an entry without document is not in the archive)."""
    found = await archive_reads.archive_document(pool(request), dossier_id, document_id)
    if found is None:
        raise NotFound("no such document in this dossier's archive")
    return plain({**found, "preview": True})
