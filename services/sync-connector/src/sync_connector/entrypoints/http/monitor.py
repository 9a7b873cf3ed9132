"""The sync columns of the active-clients monitor (ACT-1) for many dossiers at once: each one's sync status with
its instruction (what to do, not the software's raw error) and its last run, for the dossiers the caller reaches."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from runtime import replica
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from sync_connector.adapters import repository as repo
from sync_connector.entrypoints.http.common import deps_of
from sync_connector.entrypoints.http.schemas import SyncMonitorOut

router = APIRouter(tags=["monitor"])


@router.get("/monitor/sync", summary="Sync status, instruction and last run per dossier (ACT-1)",
            response_model=SyncMonitorOut)
async def monitor_sync(request: Request, dossier_id: list[UUID] = Query(default=[]),
                       principal: Principal = Depends(require("monitor.view"))) -> dict[str, Any]:
    """``{"items": [{dossier_id, linked, sync_status, instruction, instruction_code, instruction_params,
    status_since, support_alerted_at (ACT-3: when support was alerted of the current incident), last_run_at,
    last_run_outcome}]}``
    for the asked dossiers (default: all) of the caller's office that they may see the sync of (sync.view)."""
    try:
        office_id = UUID(principal.office_id)
    except ValueError:
        return {"items": []}
    pool = deps_of(request).pool
    rows = await replica.allowed_rows(pool, principal, "sync.view",
                                      await repo.monitor_rows(pool, office_id, list(dossier_id) or None))
    return jsonable_encoder({"items": [
        {"dossier_id": row["dossier_id"], "linked": row["software"] is not None, "sync_status": row["sync_status"],
         "instruction": row["instruction"], "instruction_code": row["instruction_code"],
         "instruction_params": row["instruction_params"] or {}, "status_since": row["status_since"],
         "support_alerted_at": row["support_alerted_at"], "last_run_at": row["last_run_at"],
         "last_run_outcome": row["last_run_outcome"]} for row in rows]})
