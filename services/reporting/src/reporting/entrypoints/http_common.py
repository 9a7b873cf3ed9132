"""What every reporting route shares: the pool, JSON with exact amounts, errors, date filters."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from runtime.auth.policy import DossierRef, is_allowed
from runtime.auth.principal import Principal
from runtime.http import error_response

from reporting.adapters import replica_repo
from reporting.adapters.xlsx import XLSX
from reporting.domain.errors import InvalidFilter, NotFound, ReportingError
from reporting.domain.filters import DateRange


def pool(request: Request) -> asyncpg.Pool:
    return request.app.state.reporting_pool


def plain(value: Any) -> Any:
    """JSON-ready values: money as decimal strings (never floats), dates ISO, UUIDs as strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def answer(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(plain(body))


def dates(start: date | None = Query(None, alias="from"), end: date | None = Query(None, alias="to")) -> DateRange:
    """The ``from``/``to`` query parameters (inclusive); 422 naming ``from`` when it is after ``to``."""
    return DateRange(start, end)


def xlsx(content: bytes, filename: str) -> Response:
    return Response(content, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{filename}"'})


async def may(request: Request, principal: Principal, action: str, dossier_id: UUID) -> bool:
    """Whether the caller may also do ``action`` on the dossier (to leave out what it may not see)."""
    row = await replica_repo.access_row(pool(request), dossier_id)
    if row is None:
        return False
    return is_allowed(principal, action, DossierRef.from_settings(str(row["office_id"]), str(dossier_id),
                                                                  row["settings"] or {}))


async def _on_error(request: Request, exc: ReportingError) -> JSONResponse:
    if isinstance(exc, InvalidFilter):
        return error_response(422, exc.code, exc.message, fields=[{"field": exc.parameter, "message": exc.detail}])
    return error_response(404 if isinstance(exc, NotFound) else 400, exc.code, exc.message)


def install(app: FastAPI) -> None:
    """Answer reporting's refusals as house-style JSON errors (422 naming the parameter, 404)."""
    app.add_exception_handler(ReportingError, _on_error)
