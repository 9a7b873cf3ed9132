"""Notify's counters of the active-clients monitor (ACT-1): open conversations per dossier, and of those the ones
whose last message is the client's (waiting for the office), for the dossiers the caller may read the
conversations of — judged by the dossier replica's people too (issue 15: a caller unassigned since their token
was issued no longer sees the dossier)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime import replica as dossiers
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http import deps

from notify.adapters import conversations
from notify.entrypoints.http.schemas import CountersOut

router = APIRouter(tags=["monitor"])


@router.get("/monitor/counters", response_model=CountersOut)
async def counters(request: Request, dossier_id: list[UUID] = Query(default=[]),
                   principal: Principal = Depends(require("monitor.view"))) -> dict[str, Any]:
    """``{"items": [{dossier_id, open_conversations, waiting_for_office}]}`` for the asked dossiers (default: all
    of the caller's office)."""
    try:
        office_id = UUID(principal.office_id)
    except ValueError:
        return {"items": []}
    pool = deps(request).pool
    rows = await conversations.monitor_counts(pool, office_id, list(dossier_id) or None)
    return {"items": [{"dossier_id": str(r["dossier_id"]), "open_conversations": r["open_conversations"],
                       "waiting_for_office": r["waiting_for_office"]}
                      for r in await dossiers.allowed_rows(pool, principal, "conversation.view", rows)]}
