"""The worklist's counters of the active-clients monitor (ACT-1), for the dossiers the caller reaches — judged by the
dossier replica's people too (issue 15: a caller unassigned since their token was issued no longer sees it)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime import replica as dossiers
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.domain.records import Counters
from worklist.entrypoints.http.common import deps_of
from worklist.handlers import reading

router = APIRouter(tags=["monitor"])
COUNTERS = ("help_requests", "ready_for_validation", "to_send", "rejected", "misc_to_do")


@router.get("/monitor/counters")
async def counters(request: Request, dossier_id: list[UUID] = Query(default=[]),
                   principal: Principal = Depends(require("monitor.view"))) -> dict[str, Any]:
    """Per dossier: help requests, ready for validation, to send, rejected, misc to do, last proposal."""
    pool = deps_of(request).pool
    wanted = set(dossier_id)
    try:
        office_id = UUID(principal.office_id)
    except ValueError:
        return {"items": []}  # an office id that is no UUID owns no dossier here
    asked = [d for d in await dossiers.office_dossiers(pool, office_id) if not wanted or d["dossier_id"] in wanted]
    reachable = await dossiers.allowed_rows(pool, principal, "worklist.view", asked)  # by the replica's people too
    found = await reading.counters(deps_of(request), [d["dossier_id"] for d in reachable])
    items = []
    for dossier in reachable:
        counted = found.get(dossier["dossier_id"], Counters())
        last = counted.last_proposal_at
        items.append({"dossier_id": str(dossier["dossier_id"]),
                      "validation_mode": (dossier["settings"] or {}).get("validation_mode"),
                      **{k: getattr(counted, k) for k in COUNTERS}, "last_proposal_at": last.isoformat() if last else None})
    return {"items": items}
