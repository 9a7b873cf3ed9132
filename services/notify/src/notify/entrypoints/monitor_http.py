"""Notify's counters of the active-clients monitor (ACT-1): open conversations per dossier, and of those the ones
whose last message is the client's (waiting for the office), for the dossiers the caller may read the
conversations of."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime.auth.fastapi import require
from runtime.auth.policy import allowed_rows
from runtime.auth.principal import Principal

from notify.adapters import conversations

router = APIRouter(tags=["monitor"])


@router.get("/monitor/counters")
async def counters(request: Request, dossier_id: list[UUID] = Query(default=[]),
                   principal: Principal = Depends(require("monitor.view"))) -> dict[str, Any]:
    """``{"items": [{dossier_id, open_conversations, waiting_for_office}]}`` for the asked dossiers (default: all
    of the caller's office)."""
    try:
        office_id = UUID(principal.office_id)
    except ValueError:
        return {"items": []}
    rows = await conversations.monitor_counts(request.app.state.notify_pool, office_id, list(dossier_id) or None)
    return {"items": [{"dossier_id": str(r["dossier_id"]), "open_conversations": r["open_conversations"],
                       "waiting_for_office": r["waiting_for_office"]}
                      for r in allowed_rows(principal, "conversation.view", rows)]}
