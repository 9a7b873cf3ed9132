"""HTTP API of SYN-8 (``sync.changes.review``): the account changes a sync found in the accounting software, for the
office to review and accept, and the journals made of the office's templates at activation."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from sync_connector.adapters import reviews
from sync_connector.domain.errors import InvalidRequest, NothingPicked
from sync_connector.entrypoints.http.common import deps_of
from sync_connector.entrypoints.http.schemas import AcceptedOut, AccountReviewOut

router = APIRouter(tags=["account review"])


class AcceptBody(BaseModel):
    """The pending changes the office accepts (their ids), or all of them."""

    model_config = ConfigDict(extra="forbid")
    change_ids: list[UUID] = Field(default_factory=list, max_length=500)
    all: bool = False


@router.get("/dossiers/{dossier_id}/account-changes", response_model=AccountReviewOut,
            summary="Account changes waiting for review and the journals created at activation (SYN-8)")
async def account_changes(request: Request, dossier_id: UUID,
                          _=Depends(require("sync.changes.review"))) -> Any:
    """``{"pending": [{change_id, code, change: created|updated|deleted, name, account_kind, found_at, run_id}],
    "journals": [{code, name, kind, outcome: created|existed, recorded_at}]}``"""
    pool = deps_of(request).pool
    return jsonable_encoder({"pending": await reviews.pending(pool, dossier_id),
                             "journals": await reviews.journals(pool, dossier_id)})


@router.post("/dossiers/{dossier_id}/account-changes/accept", response_model=AcceptedOut,
             summary="Accept account changes a sync found (SYN-8): they leave the list to review")
async def accept_changes(request: Request, dossier_id: UUID, body: AcceptBody,
                         principal: Principal = Depends(require("sync.changes.review"))) -> Any:
    """``{"accepted": [change_id, ...], "pending": n}``; 422 ``nothing_picked`` for no id, 422 naming the ids that
    are not waiting for review in this dossier (nothing is accepted then)."""
    pool = deps_of(request).pool
    waiting = {row["change_id"] for row in await reviews.pending(pool, dossier_id)}
    wanted = sorted(waiting) if body.all else list(dict.fromkeys(body.change_ids))
    if not wanted:
        raise NothingPicked("pick at least one account change to accept")
    unknown = [str(i) for i in wanted if i not in waiting]
    if unknown:
        raise InvalidRequest([("change_ids", f"not waiting for review in this dossier: {', '.join(unknown)}")])
    try:
        by = UUID(principal.subject)
    except ValueError:
        by = None
    async with pool.acquire() as conn, conn.transaction():
        accepted = await reviews.accept(conn, dossier_id, wanted, by)
        left = len(await reviews.pending(conn, dossier_id))
    return jsonable_encoder({"accepted": accepted, "pending": left})
