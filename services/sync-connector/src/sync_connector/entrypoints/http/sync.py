"""HTTP API of the sync-connector: a dossier's sync status and runs, and asking for a sync (SYN-4, SYN-5, ACT-1/2)."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from contracts.events.common import Actor
from contracts.events.ledger import SyncRequested
from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from runtime.auth.fastapi import require
from runtime.auth.policy import authorize
from runtime.auth.principal import Principal, PrincipalKind
from runtime.outbox import enqueue

from sync_connector.adapters import repository as repo
from sync_connector.domain.errors import InvalidRequest, NotLinked
from sync_connector.entrypoints.http.common import deps_of
from sync_connector.entrypoints.http.schemas import SyncAskedOut, SyncStatusOut
from sync_connector.handlers.context import SOURCE, Deps

router = APIRouter(tags=["sync"])


class SyncBody(BaseModel):
    """A manual (SYN-4) or full (SYN-5) sync request."""

    model_config = ConfigDict(extra="forbid")
    reason: Literal["manual", "full"] = "manual"
    updated_up_to: date | None = Field(default=None, description="new 'accounting updated up to' (manual only)")
    reset_sent_counter: bool = False
    notify_client: bool = False
    new_active_period: str | None = Field(default=None, description="period code; earlier periods close")


def _status_view(dossier: dict[str, Any], runs: list[dict[str, Any]], periods: list[str]) -> dict[str, Any]:
    return jsonable_encoder({
        "dossier_id": dossier["dossier_id"], "software": dossier["software"], "installation": dossier["installation"],
        "dossier_code": dossier["dossier_code"], "activated": dossier["activated_at"] is not None,
        "activated_at": dossier["activated_at"], "sync_status": dossier["sync_status"],
        "instruction": dossier["instruction"], "instruction_code": dossier["instruction_code"],
        "instruction_params": dossier["instruction_params"] or {}, "status_since": dossier["status_since"],
        "support_alerted_at": dossier["support_alerted_at"],
        "updated_up_to": dossier["updated_up_to"], "active_period": dossier["active_period"],
        "nightly_sync": dossier["settings"].get("nightly_sync", True), "periods": periods,
        "runs": [{k: r[k] for k in ("run_id", "reason", "request_id", "started_at", "finished_at", "outcome",
                                    "error_reason", "instruction", "instruction_code", "instruction_params",
                                    "changes", "sync_status", "updated_up_to", "active_period")}
                 for r in runs]})


@router.get("/dossiers/{dossier_id}/sync", summary="Sync status and last runs of a dossier (ACT-1, ACT-2)",
            response_model=SyncStatusOut)
async def get_sync(request: Request, dossier_id: UUID, _=Depends(require("sync.view"))) -> dict:
    deps = deps_of(request)
    dossier = await repo.dossier(deps.pool, dossier_id)
    periods = sorted((await repo.snapshot(deps.pool, dossier_id)).get("periods", {}))
    return _status_view(dossier, await repo.runs(deps.pool, dossier_id), periods)


@router.post("/dossiers/{dossier_id}/sync", status_code=202, response_model=SyncAskedOut,
             summary="Ask for a manual (SYN-4) or full (SYN-5) sync; it runs asynchronously")
async def post_sync(request: Request, dossier_id: UUID, body: SyncBody,
                    principal: Principal = Depends(require("sync.run"))) -> Any:
    if body.reason == "full":
        authorize(principal, "sync.full", await request.app.state.dossier_resolver(str(dossier_id)))
    deps = deps_of(request)
    dossier = await repo.dossier(deps.pool, dossier_id)
    if not dossier["software"]:
        raise NotLinked()
    problems = await _problems(deps, dossier, body)
    if problems:
        raise InvalidRequest(problems)
    event = SyncRequested(
        correlation_id=request.headers.get("x-correlation-id") or f"sync-{dossier_id}",
        office_id=dossier["office_id"], dossier_id=dossier_id, reason=body.reason,
        requested_by=_actor(principal), updated_up_to=body.updated_up_to,
        reset_sent_counter=body.reset_sent_counter, notify_client=body.notify_client,
        new_active_period=body.new_active_period)
    async with deps.pool.acquire() as conn, conn.transaction():
        await enqueue(conn, event, source=SOURCE)
    return JSONResponse({"request_id": str(event.event_id), "reason": body.reason}, status_code=202)


async def _problems(deps: Deps, dossier: dict[str, Any], body: SyncBody) -> list[tuple[str, str]]:
    problems = []
    if body.reason == "full" and (body.updated_up_to or body.new_active_period or body.reset_sent_counter):
        problems.append(("reason", "a full resync takes no updated_up_to, new_active_period or counter reset"))
    if body.new_active_period:
        periods = (await repo.snapshot(deps.pool, dossier["dossier_id"])).get("periods", {})
        if body.new_active_period not in periods:
            problems.append(("new_active_period", f"no period {body.new_active_period!r} in the dossier's "
                             "accounting software (sync first when it was just created)"))
    return problems


def _actor(principal: Principal) -> Actor:
    kind = "collaborator" if principal.kind is PrincipalKind.COLLABORATOR else (
        "client_user" if principal.kind is PrincipalKind.CLIENT else "system")
    try:
        user_id = UUID(principal.subject)
    except ValueError:
        user_id = None
    return Actor(kind=kind, user_id=user_id if kind != "system" else None)


