"""REP-2: the six standard reports of a dossier, honouring "key figures on closed periods only" (OFF-1), and the
entries behind a figure (the drill-down from a report to its entries, each with its archived document)."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from reporting.adapters import ledger_reads
from reporting.domain import aging, reports
from reporting.domain.errors import InvalidFilter
from reporting.domain.filters import DateRange
from reporting.entrypoints.http.common import answer, dates, plain, pool
from reporting.entrypoints.http.dashboard import year_of
from reporting.entrypoints.http.schemas import ReportEntriesOut, ReportOut, ReportsOut
from reporting.entrypoints.metrics import VIEWS

router = APIRouter(prefix="/dossiers/{dossier_id}", tags=["reports"])


@router.get("/reports", response_model=ReportsOut)
async def list_reports(dossier_id: UUID, _: Principal = Depends(require("report.view"))) -> dict:
    """REP-2: the six standard reports and what each shows."""
    return {"reports": [{"name": k, "description": v} for k, v in reports.REPORTS.items()]}


@router.get("/reports/entries", response_model=ReportEntriesOut)
async def report_entries(request: Request, dossier_id: UUID, account: str = Query("", max_length=60),
                         counterparty: str = Query("", max_length=100), period: str = Query("", max_length=20),
                         span: DateRange = Depends(dates),
                         _: Principal = Depends(require("report.view"))) -> dict:
    """The entries behind a report's figure: those with lines on accounts starting with ``account`` (one or more
    prefixes separated by commas; all lines when empty), booked in ``from``..``to`` or ``period``, of
    ``counterparty``; each with the amount on those accounts (debit − credit) and its archived document when it has
    one. Provisional months are left out like in the report."""
    prefixes = tuple(p.strip() for p in account.split(",")) if account else ("",)
    if account and not all(p.isdigit() for p in prefixes):
        raise InvalidFilter("account", "digits of account numbers, e.g. 70, 604000 or 60,61,62")
    db = pool(request)
    closing, _settings = await ledger_reads.closing(db, dossier_id)
    rows = await ledger_reads.drill(db, dossier_id, span.start, span.end, counterparty or None, period or None)
    found = reports.drill(rows, prefixes, closing)
    VIEWS.labels("report-entries").inc()
    return plain({"account": account, "counterparty": counterparty, "period": period, "from": span.start,
                   "to": span.end, "closed_periods_only": closing.closed_only, **found})


@router.get("/reports/{name}", response_model=ReportOut)
async def report(request: Request, dossier_id: UUID, name: str, year: int | None = Query(None),
                 as_of: date | None = Query(None), limit: int = Query(10, ge=1, le=100),
                 _: Principal = Depends(require("report.view"))) -> JSONResponse:
    """REP-2: one standard report. ``year`` for the yearly ones, ``as_of`` for balances and ageing. With "closed
    periods only" the entries of provisional months are left out and the months named (``provisional_months``)."""
    if name not in reports.REPORTS:
        raise InvalidFilter("name", f"unknown report; one of {', '.join(reports.REPORTS)}")
    db, year, today = pool(request), year_of(year), as_of or date.today()
    closing, _settings = await ledger_reads.closing(db, dossier_id)
    closed = {"closed_periods_only": closing.closed_only, "accounting_updated_up_to": closing.updated_up_to}
    if name in ("aged-receivables", "aged-payables"):
        kind = "receivable" if name == "aged-receivables" else "payable"
        body = aging.aged(await ledger_reads.aged_items(db, dossier_id, kind), kind, today)
    elif name == "balance-by-class":  # the months before as_of's from the totals, that month's entries up to as_of
        first = today.replace(day=1)
        found = await ledger_reads.monthly(db, dossier_id, end=first - timedelta(days=1))
        found += await ledger_reads.summed(db, dossier_id, first, today)
        body = {"as_of": today, **reports.balance_by_class(reports.settled(found, closing),
                                                           await ledger_reads.names(db, dossier_id, "accounts"))}
    else:
        closed["provisional_months"] = reports.provisional_months(year, closing)
        if name == "top-counterparties":
            counted = [date(year, m, 1) for m in range(1, 13) if not closing.provisional(year, m)]
            body = reports.top_counterparties(await ledger_reads.party_months(db, dossier_id, counted, limit), year,
                                              await ledger_reads.names(db, dossier_id, "counterparties"), limit)
        else:
            entries = reports.settled(await ledger_reads.monthly(db, dossier_id, date(year, 1, 1), date(year, 12, 1)),
                                      closing)
            body = (reports.profit_and_loss if name == "profit-and-loss" else reports.vat_summary)(entries, year)
    VIEWS.labels(name).inc()
    return answer({"report": name, **closed, **body})  # the report's own figures pass as they are (ReportOut)
