"""Ingest's counter of the active-clients monitor (ACT-1): documents uploaded into the mailboxes and not sent for
processing yet (ING-9), per dossier the caller reaches (dossier.view: a count, not the documents)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from runtime.auth.fastapi import require
from runtime.auth.policy import allowed_rows
from runtime.auth.principal import Principal

from ingest.adapters import documents
from ingest.entrypoints.http.common import IngestRoute, deps_of

router = APIRouter(route_class=IngestRoute, tags=["monitor"])


@router.get("/monitor/counters")
async def counters(request: Request, dossier_id: list[UUID] = Query(default=[]),
                   principal: Principal = Depends(require("monitor.view"))) -> dict[str, Any]:
    """``{"items": [{dossier_id, uploaded_not_sent}]}`` for the asked dossiers (default: all of the office)."""
    try:
        office_id = UUID(principal.office_id)
    except ValueError:
        return {"items": []}
    rows = await documents.mailbox_counts(deps_of(request).pool, office_id, list(dossier_id) or None)
    return {"items": [{"dossier_id": str(r["dossier_id"]), "uploaded_not_sent": r["uploaded_not_sent"]}
                      for r in allowed_rows(principal, "dossier.view", rows)]}
