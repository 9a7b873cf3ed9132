"""The way to a dossier's feedback screens (REP-1, REP-3, REP-4): reporting on behalf of the user, the matrix check
and the language's formatting the templates use."""
from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import httpx
from fastapi import Response

from portal.adapters.service_errors import ServiceCallError
from portal.adapters.reporting import ReportingClient
from portal.domain import amounts
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User
from portal.entrypoints.http.web import forbidden


def reporting_for(user: User) -> ReportingClient:
    """reporting on behalf of the user (their current access token)."""
    return ReportingClient(user.portal.services["reporting"], user.api.session.tokens.access)


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


async def filtered(answer: Awaitable[dict[str, Any]], empty: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(reporting's listing, []) or, when it refuses the filters (422), (``empty``, the names of the bad ones)."""
    try:
        return await answer, []
    except ServiceCallError as exc:
        if exc.status != 422:
            raise
        return empty, [d.get("field", "") for d in exc.details] or [exc.message]


def passed_on(got: httpx.Response) -> Response:
    """A file as the service made it (type and file name), with the portal's file headers."""
    return file_response(got.content, got.headers.get("content-type") or "application/octet-stream",
                         disposition=got.headers.get("content-disposition", "attachment"))
