"""REP-4: customer/supplier invoice history, its key figures, done ticks and Excel export."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http_media import file_answer
from runtime.paging import page_query, page_size_query

from reporting.adapters import ledger_reads, replica_repo
from reporting.adapters.xlsx import XLSX, workbook
from reporting.domain import history
from reporting.domain.errors import NotFound
from reporting.domain.filters import MAX_EXPORT_ROWS, MAX_PAGE_SIZE, DateRange, Page
from reporting.entrypoints.http.common import dates, plain, pool, xlsx
from reporting.entrypoints.http.schemas import DoneOut, HistoryOut
from reporting.entrypoints.metrics import EXPORTS, VIEWS

router = APIRouter(prefix="/dossiers/{dossier_id}/history", tags=["history"])
COLUMNS = ("reference", "invoice_number", "counterparty", "counterparty_name", "issue_date", "due_date", "amount",
           "amount_open", "overdue_days", "paid", "done", "payment_in_progress")


@dataclass(frozen=True)
class HistoryFilter:
    """REP-4 filters."""

    side: Literal["customers", "suppliers"]
    status: Literal["open", "paid", "all"]
    counterparty: str | None
    dates: DateRange


def _filter(side: Literal["customers", "suppliers"] = Query("customers"),
            status: Literal["open", "paid", "all"] = Query("all"),
            counterparty: str | None = Query(None, max_length=100),
            period: DateRange = Depends(dates)) -> HistoryFilter:
    """``side``, ``status``, ``counterparty`` (reference or part of the name), ``from``/``to`` on the invoice date."""
    return HistoryFilter(side=side, status=status, counterparty=counterparty or None, dates=period)


async def _rows(request: Request, dossier_id: UUID, f: HistoryFilter) -> tuple[list, date]:
    found = await ledger_reads.items(pool(request), dossier_id, history.SIDES[f.side], f.counterparty,
                                     f.dates.start, f.dates.end)
    return history.select(found, f.status), date.today()


@router.get("", response_model=HistoryOut)
async def invoices(request: Request, dossier_id: UUID, f: HistoryFilter = Depends(_filter),
                   page: int = page_query(), page_size: int = page_size_query(most=MAX_PAGE_SIZE),
                   _: Principal = Depends(require("history.view"))) -> dict:
    """The invoices of one side matching the filters, newest first, with the three key figures of them all."""
    paging = Page(page, page_size)
    selected, today = await _rows(request, dossier_id, f)
    VIEWS.labels("history").inc()
    return plain({"side": f.side, "status": f.status, "key_figures": history.key_figures(selected, today),
                   "total": len(selected), "page": paging.number, "page_size": paging.size,
                   "invoices": [history.row(i, today) for i in selected[paging.offset:paging.offset + paging.size]]})


@router.get("/export.xlsx", **file_answer("the Excel sheet", XLSX))
async def export(request: Request, dossier_id: UUID, f: HistoryFilter = Depends(_filter),
                 _: Principal = Depends(require("history.view"))) -> Response:
    """The filtered invoices as an Excel sheet (at most MAX_EXPORT_ROWS rows)."""
    selected, today = await _rows(request, dossier_id, f)
    EXPORTS.labels("history").inc()
    content = workbook(f"{f.side} {f.status}", COLUMNS, (history.row(i, today) for i in selected[:MAX_EXPORT_ROWS]))
    return xlsx(content, f"history-{f.side}-{f.status}.xlsx")


class DoneTick(BaseModel):
    done: bool


@router.post("/{reference}/done", response_model=DoneOut)
async def tick(request: Request, dossier_id: UUID, reference: str, body: DoneTick,
               principal: Principal = Depends(require("history.mark_done"))) -> dict:
    """Tick (or untick) an invoice as paid although the accounting software still shows it open."""
    if not await ledger_reads.item_exists(pool(request), dossier_id, reference):
        raise NotFound(f"no invoice {reference!r} in this dossier's history")
    await replica_repo.set_done(pool(request), dossier_id, reference, body.done, principal.subject)
    return {"reference": reference, "done": body.done}
