"""The six standard reports of a dossier (REP-2): choice of report and period, each figure leading to the entries
behind it and each entry to its archived document, the report as Excel and as a printable PDF. reporting checks
report.view again and leaves provisional months out under "closed periods only"; a refused filter is named."""
from __future__ import annotations

from datetime import date
from fastapi import APIRouter, Depends, Response

from portal import i18n
from portal.domain import amounts, report_files
from portal.domain.report_view import REPORTS, Builder, Table, query_of
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.report_nav import filtered, filters_of, formats, need, reporting_for
from portal.entrypoints.http.web import PageError, PageRoute
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
ENTRY_FILTERS = ("account", "counterparty", "period", "from", "to")
DEFAULT = "profit-and-loss"


def _name(text: str) -> str:
    if text and text not in REPORTS:
        raise PageError(422, N_("Unknown report"), N_("Choose one of the reports in the list."))
    return text or DEFAULT


async def _table(user: User, dossier_id: str, name: str, year: str, as_of: str) -> tuple[Table, list[str], dict]:
    """The report as a table in the user's language, the names of the filters reporting refused, the query."""
    query = query_of(name, year, as_of)
    body, problems = await filtered(reporting_for(user).report(dossier_id, name, query), {})
    if problems:
        body = {"year": year or date.today().year, "as_of": date.today().isoformat()}
    language = user.language
    builder = Builder(dossier_id, lambda m: amounts.month(m, language), lambda d: amounts.day(d, language))
    with i18n.activate(language):
        return builder.table(name, body), problems, query


@router.get("/dossiers/{dossier_id}/reports")
async def reports_page(dossier_id: str, name: str = "", year: str = "", as_of: str = "",
                       user: User = Depends(current_user)) -> Response:
    """REP-2: the chosen report for the chosen year or date, its figures linked to their entries."""
    need(user, "report.view", dossier_id)
    name = _name(name)
    table, problems, query = await _table(user, dossier_id, name, year, as_of)
    return user.page("reports.html", dossier_id=dossier_id, name=name, reports=REPORTS, table=table,
                     problems=problems, query=query, year=year or str(date.today().year), as_of=as_of,
                     **formats(user), **await dossier_context(user, dossier_id), status=422 if problems else 200)


async def _for_file(user: User, dossier_id: str, name: str, year: str, as_of: str) -> tuple[Table, str, str]:
    """The report's table for a file, the dossier's name and the file name's stem; 422 for a refused period."""
    need(user, "report.view", dossier_id)
    name = _name(name)
    table, problems, query = await _table(user, dossier_id, name, year, as_of)
    if problems:
        raise PageError(422, N_("Invalid period"), N_("Choose a year like 2026 or a date."))
    dossier = (await dossier_context(user, dossier_id))["dossier"]
    return table, dossier["name"], f"{name}-{query.get('year') or query.get('as_of') or date.today()}"


@router.get("/dossiers/{dossier_id}/reports/export.xlsx")
async def report_excel(dossier_id: str, name: str = "", year: str = "", as_of: str = "",
                       user: User = Depends(current_user)) -> Response:
    """The report as shown, in an Excel sheet (figures as numbers)."""
    table, dossier, stem = await _for_file(user, dossier_id, name, year, as_of)
    return file_response(report_files.xlsx(table, dossier), report_files.XLSX,
                         disposition=f'attachment; filename="{stem}.xlsx"', cache="no-store")


@router.get("/dossiers/{dossier_id}/reports/print.pdf")
async def report_pdf(dossier_id: str, name: str = "", year: str = "", as_of: str = "",
                     user: User = Depends(current_user)) -> Response:
    """The report as a printable A4 PDF, rendered on the server."""
    table, dossier, stem = await _for_file(user, dossier_id, name, year, as_of)
    language = user.language
    return file_response(report_files.pdf(table, dossier, lambda v: amounts.money(v, language)), "application/pdf",
                         disposition=f'attachment; filename="{stem}.pdf"', cache="no-store")


@router.get("/dossiers/{dossier_id}/reports/entries")
async def report_entries(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The entries behind a figure, each with the amount on the figure's accounts and a link to its document."""
    need(user, "report.view", dossier_id)
    query = filters_of(dict(user.request.query_params), ENTRY_FILTERS)
    found, problems = await filtered(reporting_for(user).report_entries(dossier_id, query),
                                     {"entries": [], "total": "0", "truncated": False})
    return user.page("report_entries.html", dossier_id=dossier_id, query=query, found=found, problems=problems,
                     may_open=user.may("archive.view", dossier_id), **formats(user),
                     **await dossier_context(user, dossier_id), status=422 if problems else 200)
