"""What every reporting route shares: the pool, JSON with exact amounts, errors, date filters."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from runtime.auth.policy import is_allowed
from runtime.auth.principal import Principal
from runtime.http import deps

from reporting.adapters.xlsx import XLSX
from reporting.domain.filters import DateRange
from reporting.handlers.context import Deps


def pool(request: Request) -> asyncpg.Pool:
    service: Deps = deps(request)
    return service.pool


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
    """Whether the caller may also do ``action`` on the dossier (to leave out what it may not see), judged like the
    route's own action: by the app's dossier resolver (runtime.replica.resolver), so by the replica's people too
    (issue 15: a profile lowered since the token was issued counts at once)."""
    ref = await request.app.state.dossier_resolver(str(dossier_id))
    return ref is not None and is_allowed(principal, action, ref)
