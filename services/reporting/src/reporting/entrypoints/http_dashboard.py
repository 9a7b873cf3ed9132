"""REP-1, REP-6 dashboard and REP-2 standard reports of a dossier."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from reporting.adapters import ledger_reads
from reporting.domain import aging, figures, reports
from reporting.domain.errors import InvalidFilter
from reporting.domain.filters import check_year
from reporting.domain.ledger import lines_of
from reporting.entrypoints.http_common import answer, may, pool
from reporting.entrypoints.metrics import VIEWS

router = APIRouter(prefix="/dossiers/{dossier_id}", tags=["dashboard"])


def _year(year: int | None) -> int:
    return check_year(year if year is not None else date.today().year)


@router.get("/dashboard")
async def dashboard(request: Request, dossier_id: UUID, year: int | None = Query(None),
                    principal: Principal = Depends(require("dashboard.view"))) -> JSONResponse:
    """REP-1 key figures and monthly series of a year; REP-6 balances of 40, 44, 58 and the dashboard accounts.

    With "key figures on closed periods only" (OFF-1), months after "accounting updated up to" or in an open
    period are flagged provisional and left out of the totals. Internal transfers (58) are left out for a
    caller who may not see financial data (DOS-2), and so is cash (55, 57)."""
    year = _year(year)
    db = pool(request)
    closing, settings = await ledger_reads.closing(db, dossier_id)
    body = figures.dashboard(await ledger_reads.entries(db, dossier_id, date(year, 1, 1), date(year, 12, 31)),
                             year, closing)
    found = figures.balances(lines_of(await ledger_reads.entries(db, dossier_id)),
                             settings.get("dashboard_accounts") or (), await ledger_reads.items(db, dossier_id))
    if not await may(request, principal, "financial.view", dossier_id):
        found.pop("internal_transfers")
        found.pop("cash")
    body.update(accounting_updated_up_to=closing.updated_up_to, balances=found)
    VIEWS.labels("dashboard").inc()
    return answer(body)


@router.get("/reports")
async def list_reports(dossier_id: UUID, _: Principal = Depends(require("report.view"))) -> JSONResponse:
    """REP-2: the six standard reports and what each shows."""
    return answer({"reports": [{"name": k, "description": v} for k, v in reports.REPORTS.items()]})


@router.get("/reports/{name}")
async def report(request: Request, dossier_id: UUID, name: str, year: int | None = Query(None),
                 as_of: date | None = Query(None), limit: int = Query(10, ge=1, le=100),
                 _: Principal = Depends(require("report.view"))) -> JSONResponse:
    """REP-2: one standard report. ``year`` for the yearly ones, ``as_of`` for balances and ageing."""
    if name not in reports.REPORTS:
        raise InvalidFilter("name", f"unknown report; one of {', '.join(reports.REPORTS)}")
    db, year, today = pool(request), _year(year), as_of or date.today()
    if name in ("aged-receivables", "aged-payables"):
        kind = "receivable" if name == "aged-receivables" else "payable"
        body = aging.aged(await ledger_reads.items(db, dossier_id, kind), kind, today)
    elif name == "balance-by-class":
        body = {"as_of": today, **reports.balance_by_class(await ledger_reads.entries(db, dossier_id, end=today),
                                                           await ledger_reads.names(db, dossier_id, "accounts"))}
    else:
        entries = await ledger_reads.entries(db, dossier_id, date(year, 1, 1), date(year, 12, 31))
        if name == "profit-and-loss":
            body = reports.profit_and_loss(entries, year)
        elif name == "vat-summary":
            body = reports.vat_summary(entries, year)
        else:
            body = reports.top_counterparties(entries, year, await ledger_reads.names(db, dossier_id, "counterparties"),
                                              limit)
    VIEWS.labels(name).inc()
    return answer({"report": name, **body})
