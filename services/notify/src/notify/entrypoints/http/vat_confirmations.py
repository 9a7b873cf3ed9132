"""HTTP API of COM-2 "VAT return OK": a client confirms a period; both sides read a dossier's confirmed periods;
the office (and its monitor) reads them over its dossiers.

runtime.auth checks the office and dossier scope (a foreign dossier: 403); the office-wide list keeps only the
dossiers whose conversations the caller may read, judged with the dossier replica's people (issue 15).
"""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from runtime import replica as dossiers
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http import deps

from notify.adapters import vat_confirmations
from notify.entrypoints.http.conversations import viewer
from notify.entrypoints.http.schemas import Confirmed, ConfirmationsOut, OfficeConfirmationsOut
from notify.handlers import vat_confirmations as use

router = APIRouter(tags=["vat-confirmations"])
_PUBLIC = ("dossier_id", "period", "confirmed_at", "confirmed_by", "confirmed_by_name", "conversation_id")


class ConfirmationIn(BaseModel):
    """The VAT period all documents are in for: a month (2026-03) or a quarter (2026-Q1)."""

    period: str = Field(min_length=1, max_length=20)


def _public(row: dict) -> dict:
    return {k: (str(row[k]) if isinstance(row[k], UUID) else row[k]) for k in _PUBLIC if k in row}


@router.post("/dossiers/{dossier_id}/vat-confirmations", status_code=201, response_model=Confirmed,
             responses={200: {"model": Confirmed, "description": "confirmed before: the first confirmation"}})
async def confirm(dossier_id: UUID, given: ConfirmationIn, request: Request,
                  who: Principal = Depends(require("vat_return.confirm"))) -> JSONResponse:
    """201 with the new confirmation; 200 with ``already: true`` and the first one when the period was confirmed."""
    d = deps(request)
    created, row = await use.confirm(d.pool, dossier_id, viewer(who, dossier_id), given.period,
                                     d.settings.notify_portal_url, datetime.now(timezone.utc).date())
    body = {**_public(row), "already": not created}
    return JSONResponse(_jsonable(body), status_code=201 if created else 200)


def _jsonable(body: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in body.items()}


@router.get("/dossiers/{dossier_id}/vat-confirmations", response_model=ConfirmationsOut)
async def of_dossier(dossier_id: UUID, request: Request,
                     who: Principal = Depends(require("conversation.view"))) -> dict:
    """The dossier's confirmed VAT periods, latest first."""
    return {"confirmations": [_public(r) for r in await vat_confirmations.of_dossier(deps(request).pool, dossier_id)]}


@router.get("/vat-confirmations", response_model=OfficeConfirmationsOut)
async def of_office(request: Request, period: str | None = Query(default=None, max_length=7),
                    who: Principal = Depends(require("monitor.view"))) -> dict:
    """The confirmations over the office's dossiers the caller may read the conversations of (of one period)."""
    pool = deps(request).pool
    rows = await vat_confirmations.of_office(pool, UUID(who.office_id), period)
    allowed = await dossiers.allowed_rows(pool, who, "conversation.view", rows)
    return {"confirmations": [{**_public(r), "dossier_name": r["dossier_name"]} for r in allowed]}
