"""The way to a dossier's feedback screens (REP-1, REP-3, REP-4): reporting on behalf of the user, the matrix check
and the language's formatting the templates use."""
from __future__ import annotations

from typing import Any

from portal.adapters.reporting import ReportingClient, reporting_http
from portal.domain import amounts
from portal.entrypoints.guard import User
from portal.entrypoints.web import forbidden


def reporting_for(user: User) -> ReportingClient:
    """reporting on behalf of the user (their current access token)."""
    return ReportingClient(reporting_http(user.request), user.api.session.tokens.access)


def need(user: User, action: str, dossier_id: str) -> None:
    """403 unless the shared matrix allows the action on the dossier (reporting checks it again)."""
    if not user.may(action, dossier_id):
        raise forbidden()


def formats(user: User) -> dict[str, Any]:
    """money/day/month in the user's language, for the templates."""
    language = user.language
    return {"money": lambda v: amounts.money(v, language), "day": lambda v: amounts.day(v, language),
            "month_name": lambda v, width="MMM": amounts.month(v, language, width)}


def filters_of(query: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The non-empty query parameters of a listing that are passed on to reporting."""
    return {name: query[name].strip() for name in names if query.get(name, "").strip()}
