"""Ingest's counter of the active-clients monitor (ACT-1): documents uploaded into the mailboxes and not sent for
processing yet (ING-9), per dossier the caller reaches (dossier.view: a count, not the documents), judged by the
dossier replica's people too (issue 15: a caller unassigned since their token was issued no longer sees it)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime import replica as dossiers
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from ingest.entrypoints.http.common import deps_of
from ingest.entrypoints.http.schemas import CountersOut

router = APIRouter(tags=["monitor"])


@router.get("/monitor/counters", response_model=CountersOut)
async def counters(request: Request, dossier_id: list[UUID] = Query(default=[]),
                   principal: Principal = Depends(require("monitor.view"))) -> dict[str, Any]:
    """``{"items": [{dossier_id, uploaded_not_sent}]}`` for the asked dossiers (default: all of the office)."""
    try:
        office_id = UUID(principal.office_id)
    except ValueError:
        return {"items": []}
    deps = deps_of(request)
    async with deps.uow() as uow:
        counts = await uow.dossiers.mailbox_counts(office_id, list(dossier_id) or None)
    rows = [{"dossier_id": c.dossier_id, "settings": c.settings, "uploaded_not_sent": c.uploaded_not_sent}
            for c in counts]  # runtime.replica judges rows holding a dossier's settings and people
    return {"items": [{"dossier_id": str(r["dossier_id"]), "uploaded_not_sent": r["uploaded_not_sent"]}
                      for r in await dossiers.allowed_rows(deps.pool, principal, "dossier.view", rows)]}
