"""REP-1, REP-6 dashboard of a dossier (the REP-2 reports are in http_reports)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from reporting.adapters import ledger_reads
from reporting.domain import figures
from reporting.domain.filters import check_year
from reporting.domain.ledger import lines_of
from reporting.entrypoints.http.common import may, plain, pool
from reporting.entrypoints.http.schemas import DashboardOut
from reporting.entrypoints.metrics import VIEWS

router = APIRouter(prefix="/dossiers/{dossier_id}", tags=["dashboard"])


def year_of(year: int | None) -> int:
    return check_year(year if year is not None else date.today().year)


@router.get("/dashboard", response_model=DashboardOut)
async def dashboard(request: Request, dossier_id: UUID, year: int | None = Query(None),
                    principal: Principal = Depends(require("dashboard.view"))) -> dict:
    """REP-1 key figures and monthly series of a year; REP-6 balances of 40, 44, 58 and the dashboard accounts.

    With "key figures on closed periods only" (OFF-1), months after "accounting updated up to" or in an open
    period are flagged provisional and left out of the totals. Internal transfers (58) are left out for a
    caller who may not see financial data (DOS-2), and so is cash (55, 57)."""
    year = year_of(year)
    db = pool(request)
    closing, settings = await ledger_reads.closing(db, dossier_id)
    body = figures.dashboard(await ledger_reads.monthly(db, dossier_id, date(year, 1, 1), date(year, 12, 1)),
                             year, closing)
    found = figures.balances(lines_of(await ledger_reads.monthly(db, dossier_id)),
                             settings.get("dashboard_accounts") or (), await ledger_reads.open_totals(db, dossier_id),
                             await ledger_reads.bank_movements(db, dossier_id))
    if not await may(request, principal, "financial.view", dossier_id):
        found.pop("internal_transfers")
        found.pop("cash")
    body.update(accounting_updated_up_to=closing.updated_up_to, balances=found)
    VIEWS.labels("dashboard").inc()
    return plain(body)
