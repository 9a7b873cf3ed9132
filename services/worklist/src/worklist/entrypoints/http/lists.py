"""Worklists (WL-1, WL-2) and what the annotation screen may choose from (accounts, journals, periods, VAT, counterparties)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.domain import listing
from worklist.domain.reprocess import recognition_view
from worklist.entrypoints.http.common import deps_of, dossier_of, row_view
from worklist.handlers import reading

router = APIRouter(tags=["worklists"])


@router.get("/dossiers/{dossier_id}/worklists/{list_name}")
async def worklist(request: Request, dossier_id: UUID, list_name: str,
                   _: Principal = Depends(require("worklist.view"))) -> dict[str, Any]:
    """One page of the purchase, sales or misc list with its filters and sort; counts per status."""
    query = listing.parse(list_name, request.query_params)
    listed = await reading.worklist(deps_of(request), dossier_id, query)
    rows = [p.as_row() for p in listed.page.items]
    items = [{**row_view(r), "recognition": recognition_view(r, listed.failures.get(r["document_id"]))} for r in rows]
    return {"items": items, "total": listed.page.total, "page": query.page, "per_page": query.per_page,
            "counts": listed.page.counts}


@router.get("/dossiers/{dossier_id}/choices")
async def choices(request: Request, dossier_id: UUID, _: Principal = Depends(require("worklist.view"))) -> dict[str, Any]:
    """Accounts, journals, periods, VAT codes and the office schema to choose from while annotating."""
    deps = deps_of(request)
    dossier = await dossier_of(request, dossier_id)
    found = await reading.choices(deps, dossier)
    accounts = [{"code": code, "name": a.get("name"), "kind": a.get("kind"), "suspense": found.is_suspense(code)}
                for code, a in sorted(found.accounts.items())]
    known = {a["code"] for a in accounts}
    accounts += [{"code": code, "name": None, "kind": None, "suspense": found.is_suspense(code)}
                 for code in sorted(found.extra_accounts - known)]
    return {
        "accounts": accounts,
        "journals": [dict(j) for _, j in sorted(found.journals.items())],
        "periods": [{k: p.get(k) for k in ("code", "start_date", "end_date", "state")}
                    for _, p in sorted(found.periods.items())],
        "vat_codes": [{k: v.get(k) for k in ("code", "description", "direction", "rate")}
                      for _, v in sorted(found.vat_codes.items())],
        "schema": list((dossier.get("settings") or {}).get("office_schema") or []),
        "checked": found.checked(),
    }


@router.get("/dossiers/{dossier_id}/counterparties")
async def counterparties(request: Request, dossier_id: UUID, q: str = Query("", max_length=100),
                         _: Principal = Depends(require("worklist.view"))) -> dict[str, Any]:
    """Counterparties of the accounting software matching a name or VAT number (WL-7)."""
    found = await reading.counterparties(deps_of(request), dossier_id, q)
    return {"items": [{"reference": c["reference"], "name": c.get("name"), "vat_number": c.get("vat_number"),
                       "country": c.get("country"), "iban": (c.get("ibans") or [None])[0]} for c in found]}
