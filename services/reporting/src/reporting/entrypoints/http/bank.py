"""REP-5: the financial journals (entries of bank and cash journals) and bank transactions of a dossier."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.paging import page_query, page_size_query

from reporting.adapters import archive_reads
from reporting.domain.filters import MAX_PAGE_SIZE, DateRange, Page
from reporting.entrypoints.http.common import dates, plain, pool
from reporting.entrypoints.http.schemas import BankOut
from reporting.entrypoints.metrics import VIEWS

router = APIRouter(prefix="/dossiers/{dossier_id}/bank", tags=["bank"])


@router.get("", response_model=BankOut)
async def bank(request: Request, dossier_id: UUID, journal: str | None = Query(None, max_length=30),
               account: str | None = Query(None, pattern=r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"),
               period: DateRange = Depends(dates), page: int = page_query(), page_size: int = page_size_query(most=MAX_PAGE_SIZE),
               _: Principal = Depends(require("financial.view"))) -> dict:
    """Financial-journal entries (``journal`` code) and bank transactions (``account`` IBAN) between
    ``from`` and ``to``, oldest first. Refused (403, DOS-2) to clients when financial data are hidden or the
    financial tab is off."""
    paging = Page(page, page_size)
    db = pool(request)
    n_entries, entries = await archive_reads.financial_entries(db, dossier_id, journal, period, paging.size,
                                                               paging.offset)
    n_tx, transactions = await archive_reads.bank_transactions(db, dossier_id, account, period, paging.size,
                                                               paging.offset)
    VIEWS.labels("bank").inc()
    return plain({"page": paging.number, "page_size": paging.size, "entries_total": n_entries, "entries": entries,
                   "transactions_total": n_tx, "transactions": transactions})
