"""A dossier's feedback screens (REP-1, REP-4): the dashboard with its key figures and monthly chart, and the
customer/supplier invoice history per counterparty with the done tick and the Pay button. reporting checks the
matrix on every call; a filter it refuses (422) comes back on the page, named."""
from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Response

from portal.domain.chart import figure, monthly_chart
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.report_nav import filtered, filters_of, formats, need, passed_on, reporting_for
from portal.entrypoints.http.web import PageError, PageRoute, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
HISTORY_FILTERS = ("side", "status", "counterparty", "from", "to")
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _year(text: str) -> int:
    if not text:
        return date.today().year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise PageError(422, N_("Invalid year"), N_("The year must be a number like 2026."))
    return int(text)


@router.get("/dossiers/{dossier_id}/dashboard")
async def dashboard_page(dossier_id: str, year: str = "", user: User = Depends(current_user)) -> Response:
    """REP-1: the year's key figures, the balances (REP-6) and the monthly chart; provisional months marked."""
    need(user, "dashboard.view", dossier_id)
    board = await reporting_for(user).dashboard(dossier_id, _year(year))
    return user.page("dashboard.html", dossier_id=dossier_id, board=board, chart=monthly_chart(board["months"]),
                     figure=figure,
                     **formats(user), **await dossier_context(user, dossier_id))


def _per_counterparty(invoices: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The invoices grouped by counterparty (name, else reference), names in alphabetical order."""
    def name(i: dict[str, Any]) -> str:
        return str(i.get("counterparty_name") or i.get("counterparty") or "")
    ordered = sorted(invoices, key=lambda i: name(i).casefold())
    return [(key, list(rows)) for key, rows in groupby(ordered, key=name)]


def _history_query(user: User) -> dict[str, str]:
    query = filters_of(dict(user.request.query_params), HISTORY_FILTERS)
    query.setdefault("side", "customers")
    query.setdefault("status", "all")
    return query


@router.get("/dossiers/{dossier_id}/history")
async def history_page(dossier_id: str, page: int = 1, user: User = Depends(current_user)) -> Response:
    """REP-4: one side's invoices per counterparty with open amount, paid/unpaid, done tick, Pay (PAY-1)."""
    need(user, "history.view", dossier_id)
    query = _history_query(user)
    found, problems = await filtered(
        reporting_for(user).history(dossier_id, {**query, "page": max(page, 1), "page_size": 200}),
        {"key_figures": {}, "total": 0, "invoices": []})
    pay = query["side"] == "suppliers" and user.may("payment.create", dossier_id)
    return user.page("history.html", dossier_id=dossier_id, query=query, problems=problems, found=found,
                     groups=_per_counterparty(found["invoices"]), may_tick=user.may("history.mark_done", dossier_id),
                     may_pay=pay, export_query=urlencode(query), **formats(user),
                     **await dossier_context(user, dossier_id), status=422 if problems else 200)


@router.post("/dossiers/{dossier_id}/history/{reference}/done")
async def tick(dossier_id: str, reference: str, user: User = Depends(current_user)) -> Response:
    """REP-4: tick (or untick) an invoice paid but not yet recorded as paid; back to the same list."""
    need(user, "history.mark_done", dossier_id)
    await reporting_for(user).mark_done(dossier_id, reference, user.form.get("done") == "true")
    back = filters_of({k: user.form.get(k) for k in HISTORY_FILTERS}, HISTORY_FILTERS)
    return redirect(user.request, f"/dossiers/{dossier_id}/history?{urlencode(back)}")


@router.get("/dossiers/{dossier_id}/history/export.xlsx")
async def history_export(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The filtered invoices as reporting's Excel sheet."""
    need(user, "history.view", dossier_id)
    return passed_on(await reporting_for(user).export(dossier_id, "history", _history_query(user)))
