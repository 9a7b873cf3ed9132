"""Actions on a selection of proposals (WL-4): check, send, change type / journal / period, delete."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.domain.errors import FieldProblem, Invalid
from worklist.entrypoints.http.common import caller_of, deps_of, dossier_of, may
from worklist.handlers import actions
from worklist.handlers.commands import ChangeProposal, DeleteProposal, ReviewProposal, SendProposal

router = APIRouter(tags=["bulk"])
MAX_BULK = 500


class Selection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    proposal_ids: list[UUID] = Field(min_length=1, max_length=MAX_BULK)


class ChangeSelection(Selection):
    mailbox: str | None = None
    journal: str | None = None
    period: str | None = None


class DeleteSelection(Selection):
    reason: str | None = Field(default=None, max_length=500)


@router.post("/dossiers/{dossier_id}/proposals/check")
async def check(request: Request, dossier_id: UUID, body: Selection,
                principal: Principal = Depends(require("worklist.validate"))) -> dict[str, Any]:
    """Review each: checked (suspense lines) or validated (WL-3)."""
    await dossier_of(request, dossier_id)  # an unknown dossier is a 404, as for every action
    command = ReviewProposal(caller_of(request, principal))
    return (await actions.handle_each(deps_of(request), dossier_id, body.proposal_ids, command)).as_json()


@router.post("/dossiers/{dossier_id}/proposals/send")
async def send(request: Request, dossier_id: UUID, body: Selection,
               principal: Principal = Depends(require("proposal.send"))) -> dict[str, Any]:
    """Send each reviewed or rejected proposal to the accounting software (proposal.validated)."""
    command = SendProposal(await dossier_of(request, dossier_id), caller_of(request, principal))
    return (await actions.handle_each(deps_of(request), dossier_id, body.proposal_ids, command)).as_json()


@router.post("/dossiers/{dossier_id}/proposals/change")
async def change(request: Request, dossier_id: UUID, body: ChangeSelection,
                 principal: Principal = Depends(require("worklist.edit"))) -> dict[str, Any]:
    """Change the document type (mailbox), journal or period of each."""
    fields = body.model_dump(exclude_unset=True, exclude={"proposal_ids"})
    if not fields:
        raise Invalid.of([FieldProblem("mailbox", "required", "give mailbox, journal or period to change")])
    command = ChangeProposal(await dossier_of(request, dossier_id), caller_of(request, principal), fields)
    return (await actions.handle_each(deps_of(request), dossier_id, body.proposal_ids, command)).as_json()


@router.post("/dossiers/{dossier_id}/proposals/delete")
async def delete(request: Request, dossier_id: UUID, body: DeleteSelection,
                 principal: Principal = Depends(require("proposal.delete"))) -> dict[str, Any]:
    """Delete each (booked ones: deleted in the accounting software, SYN-6, with booking.delete)."""
    booking_allowed = await may(request, principal, "booking.delete", dossier_id)
    await dossier_of(request, dossier_id)
    command = DeleteProposal(caller_of(request, principal), body.reason, booking_allowed)
    return (await actions.handle_each(deps_of(request), dossier_id, body.proposal_ids, command)).as_json()
