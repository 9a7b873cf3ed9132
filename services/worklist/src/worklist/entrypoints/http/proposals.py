"""One proposal: read, save (and review, save-and-next), undo, neighbours, history, help, ask the client, file, delete."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.domain.records import Proposal
from worklist.handlers import actions, annotation, manual, reading
from worklist.handlers.commands import (AskClient, DeleteProposal, FileDocument, ProposalCommand, SetHelp,
                                        UnfileDocument)
from worklist.entrypoints.http.common import (also_require, caller_of, deps_of, dossier_of, may,
                                              proposal_view)

router = APIRouter(tags=["proposals"])
Amount = str | int | float
MAX_LINES = 500


class EditBody(BaseModel):
    """A save of the annotation screen: omitted keys stay, null clears (API.md `Edit`)."""

    model_config = ConfigDict(extra="forbid")
    version: int | None = None
    review: bool = False
    mailbox: str | None = None
    document_kind: str | None = None
    journal: str | None = None
    period: str | None = None
    invoice_number: str | None = None
    document_number: str | None = None
    invoice_date: str | None = None
    due_date: str | None = None
    payment_reference: str | None = None
    comment: str | None = None
    note: str | None = None
    counterparty: dict[str, Any] | None = None
    totals: dict[str, Amount | None] | None = None
    lines: list[dict[str, Any]] | None = Field(default=None, max_length=MAX_LINES)


class HelpBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    needed: bool
    note: str | None = Field(default=None, max_length=2000)


class AskBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=2000)
    recipient_user_id: UUID | None = None


class FileBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str = Field(min_length=1, max_length=100)


class DeleteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(default=None, max_length=500)


async def _view(request: Request, proposal: Proposal) -> dict[str, Any]:
    return proposal_view(await reading.opened(deps_of(request), proposal))


class ManualBody(EditBody):
    """A manual entry (REC-2, issue 15 item 13): the fields of an edit; ``mailbox`` purchases or sales."""

    mailbox: str


@router.post("/dossiers/{dossier_id}/proposals", status_code=201)
async def create_manual(request: Request, dossier_id: UUID, body: ManualBody,
                        _: Principal = Depends(require("worklist.manual"))) -> dict[str, Any]:
    """A booking without a document, then a proposal like the others (review, send, book)."""
    fields = body.model_dump(exclude_unset=True, exclude={"version", "review"})
    made = await manual.create(deps_of(request), await dossier_of(request, dossier_id), fields)
    return await _view(request, made)


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}")
async def read(request: Request, dossier_id: UUID, proposal_id: UUID,
               _: Principal = Depends(require("worklist.view"))) -> dict[str, Any]:
    """The proposal as the annotation screen shows it."""
    return proposal_view(await reading.open_proposal(deps_of(request), dossier_id, proposal_id))


@router.patch("/dossiers/{dossier_id}/proposals/{proposal_id}")
async def save(request: Request, dossier_id: UUID, proposal_id: UUID, body: EditBody,
               principal: Principal = Depends(require("worklist.edit"))) -> dict[str, Any]:
    """Save the fields and lines (and review with `review`); next/previous ids in the list of the query params."""
    if body.review:
        await also_require(request, principal, "worklist.validate", dossier_id)
    fields = body.model_dump(exclude_unset=True, exclude={"version", "review"})
    saved, nav = await annotation.save(deps_of(request), await dossier_of(request, dossier_id), proposal_id, fields,
                                       caller_of(request, principal), review=body.review, version=body.version,
                                       list_params=request.query_params)
    return {"proposal": await _view(request, saved), "next_id": nav.next_id and str(nav.next_id),
            "previous_id": nav.previous_id and str(nav.previous_id)}


@router.post("/dossiers/{dossier_id}/proposals/{proposal_id}/undo")
async def undo(request: Request, dossier_id: UUID, proposal_id: UUID,
               _: Principal = Depends(require("worklist.edit"))) -> dict[str, Any]:
    """Back to the version before the last change."""
    restored = await annotation.undo(deps_of(request), await dossier_of(request, dossier_id), proposal_id)
    return await _view(request, restored)


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}/neighbours")
async def neighbours(request: Request, dossier_id: UUID, proposal_id: UUID,
                     _: Principal = Depends(require("worklist.view"))) -> dict[str, Any]:
    """The previous and next proposal in the list order given by the query params (WL-5, WL-9)."""
    return (await reading.neighbours(deps_of(request), dossier_id, proposal_id, request.query_params)).as_json()


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}/history")
async def history(request: Request, dossier_id: UUID, proposal_id: UUID,
                  _: Principal = Depends(require("worklist.view"))) -> dict[str, Any]:
    """The kept changes of the proposal, newest first."""
    kept = await reading.history(deps_of(request), dossier_id, proposal_id)
    return {"items": [{"version": v.version, "action": v.action, "changed_by": v.changed_by,
                       "changed_at": v.changed_at.isoformat() if v.changed_at else None} for v in kept]}


async def _one(request: Request, dossier_id: UUID, proposal_id: UUID, command: ProposalCommand) -> dict[str, Any]:
    done = await actions.handle(deps_of(request), dossier_id, proposal_id, command)
    return await _view(request, done)


@router.post("/dossiers/{dossier_id}/proposals/{proposal_id}/help")
async def help_needed(request: Request, dossier_id: UUID, proposal_id: UUID, body: HelpBody,
                      principal: Principal = Depends(require("worklist.help"))) -> dict[str, Any]:
    """Set or clear 'help needed' (WL-10)."""
    await dossier_of(request, dossier_id)
    return await _one(request, dossier_id, proposal_id, SetHelp(caller_of(request, principal), body.needed, body.note))


@router.post("/dossiers/{dossier_id}/proposals/{proposal_id}/file")
async def file(request: Request, dossier_id: UUID, proposal_id: UUID, body: FileBody,
               principal: Principal = Depends(require("worklist.misc_file"))) -> dict[str, Any]:
    """File a misc document into the permanent dossier under a type and mark it done (WL-12)."""
    command = FileDocument(await dossier_of(request, dossier_id), caller_of(request, principal), body.type)
    return await _one(request, dossier_id, proposal_id, command)


@router.post("/dossiers/{dossier_id}/proposals/{proposal_id}/unfile")
async def unfile(request: Request, dossier_id: UUID, proposal_id: UUID,
                 principal: Principal = Depends(require("worklist.misc_file"))) -> dict[str, Any]:
    """Back to 'to file' (WL-12)."""
    await dossier_of(request, dossier_id)
    return await _one(request, dossier_id, proposal_id, UnfileDocument(caller_of(request, principal)))


@router.post("/dossiers/{dossier_id}/proposals/{proposal_id}/ask-client", status_code=202)
async def ask_client(request: Request, dossier_id: UUID, proposal_id: UUID, body: AskBody,
                     principal: Principal = Depends(require("conversation.start"))) -> dict[str, Any]:
    """Ask the client a question about this document: notification.requested with the document attached (WL-6)."""
    command = AskClient(await dossier_of(request, dossier_id), caller_of(request, principal), body.question.strip(),
                        body.recipient_user_id)
    request_id = await actions.ask_client(deps_of(request), dossier_id, proposal_id, command)
    return {"request_id": str(request_id)}


@router.delete("/dossiers/{dossier_id}/proposals/{proposal_id}", status_code=204, response_class=Response,
               responses={202: {"description": "booked: the entry's deletion asked of the accounting software (SYN-6)"}})
async def delete(request: Request, dossier_id: UUID, proposal_id: UUID, body: DeleteBody | None = None,
                 principal: Principal = Depends(require("proposal.delete"))) -> Response:
    """Delete a proposal not sent (204), or have a booked entry deleted in the accounting software (202, SYN-6)."""
    booking_allowed = await may(request, principal, "booking.delete", dossier_id)
    await dossier_of(request, dossier_id)
    command = DeleteProposal(caller_of(request, principal), body.reason if body else None, booking_allowed)
    done = await actions.handle(deps_of(request), dossier_id, proposal_id, command)
    return Response(status_code=202 if done.status == "withdrawing" else 204)
