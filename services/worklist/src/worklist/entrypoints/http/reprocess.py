"""WL-13: run recognition again on a selection of documents whose recognition failed for a technical reason."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.entrypoints.http.bulk import Selection
from worklist.entrypoints.http.common import caller_of, deps_of, dossier_of
from worklist.handlers.reprocess import reprocess as reprocess_selection

router = APIRouter(tags=["bulk"])


@router.post("/dossiers/{dossier_id}/proposals/reprocess")
async def reprocess(request: Request, dossier_id: UUID, body: Selection,
                    principal: Principal = Depends(require("worklist.reprocess"))) -> dict[str, Any]:
    """Read the selected documents again (ingest publishes document.received anew); `refused` says why not for the
    others: not_found, not_technical_error, not_passing, reason_unknown, already_reprocessing, edited."""
    outcome = await reprocess_selection(deps_of(request), await dossier_of(request, dossier_id), body.proposal_ids,
                                        caller_of(request, principal))
    return outcome.as_json()
