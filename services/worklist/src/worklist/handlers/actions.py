"""The handlers of the commands on proposals (handlers/commands.py): review, send, change, delete (WL-4), help
(WL-10), filing (WL-12), asking the client (WL-6). Each takes its command, the locked proposal and the unit of work;
``handle`` runs one on one proposal, ``handle_each`` on a selection (one refused does not stop the others)."""
from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from contracts.events.notifications import NotificationRequested
from contracts.events.proposals import ProposalValidated, ProposalWithdrawn
from runtime.auth.policy import Forbidden

from worklist.domain.errors import DocumentUnknown, FieldProblem, Invalid, WorklistError, WrongStatus
from worklist.domain.ports import UnitOfWork
from worklist.domain.records import Change, Proposal
from worklist.domain.statuses import EDITABLE, MISC, require_sendable, require_vat_codes, reviewed_status
from worklist.handlers.annotation import edit_changes, load, review_changes
from worklist.handlers.commands import (AskClient, ChangeProposal, DeleteProposal, FileDocument, ProposalCommand,
                                        ReviewProposal, SendProposal, SetHelp, UnfileDocument)
from worklist.handlers.context import Caller, Deps


@dataclass(frozen=True)
class Refusal:
    """Why a command was refused for one proposal of a selection: an error code and its message."""

    proposal_id: UUID
    code: str
    message: str


@dataclass(frozen=True)
class Outcome:
    """What a command on a selection did: the proposals done and those refused, in the order asked."""

    done: list[UUID] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def as_json(self) -> dict[str, list[Any]]:
        return {"done": [str(p) for p in self.done],
                "refused": [{"proposal_id": str(r.proposal_id), "code": r.code, "message": r.message}
                            for r in self.refused]}


async def review(cmd: ReviewProposal, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """Checked (suspense lines) or validated; Incomplete names the empty mandatory fields."""
    changes = review_changes(proposal.as_row(), proposal.content)
    return await uow.proposals.update(proposal, Change(changes, action="review", actor=cmd.caller.actor))


def _validated_event(proposal: Proposal, dossier: Mapping[str, Any], caller: Caller) -> ProposalValidated:
    settings = dossier.get("settings") or {}
    content = {k: v for k, v in proposal.content.items() if v is not None}
    return ProposalValidated.model_validate({
        **content, "correlation_id": caller.correlation_id, "office_id": str(proposal.office_id),
        "dossier_id": str(proposal.dossier_id), "status": reviewed_status(proposal.content),
        "validated_by": caller.actor, "validation_mode": settings.get("validation_mode") or "collaborator",
        "comment": proposal.comment, "direct_booking": bool(settings.get("direct_booking")),
    })


async def send(cmd: SendProposal, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """Status 'sent', recording proposal.validated for the accounting software."""
    require_sendable(proposal.status)
    require_vat_codes(proposal.content)
    try:
        event = _validated_event(proposal, cmd.dossier, cmd.caller)
    except ValueError as exc:
        raise Invalid(f"the proposal cannot be sent as it is: {exc}".splitlines()[0]) from exc
    return await uow.proposals.update(proposal, Change(
        {"status": "sent", "sent_at": datetime.now(timezone.utc), "validated_by": cmd.caller.actor}, events=(event,)))


async def change(cmd: ChangeProposal, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """Type (mailbox), journal or period changed as an edit would, checked against the master data."""
    changes = await edit_changes(uow.master, deps, cmd.dossier, proposal.as_row(), cmd.fields, cmd.caller)
    return await uow.proposals.update(proposal, Change(changes, action="change", actor=cmd.caller.actor))


async def delete(cmd: DeleteProposal, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """A proposal not sent is gone at once; a booked one is 'withdrawing' until the software deleted it (SYN-6).
    Either way proposal.withdrawn is recorded."""
    status = proposal.status
    if status == "booked":
        if not cmd.may_delete_booking:
            raise Forbidden("deleting an entry already booked needs the booking.delete permission")
        changes: dict[str, object] = {"status": "withdrawing"}
    elif status in EDITABLE or status in MISC:
        changes = {"deleted_at": datetime.now(timezone.utc)}
    else:
        raise WrongStatus(f"a proposal in status '{status}' cannot be deleted now")
    event = ProposalWithdrawn(
        correlation_id=cmd.caller.correlation_id, office_id=proposal.office_id, dossier_id=proposal.dossier_id,
        proposal_id=proposal.proposal_id, document_id=proposal.document_id,
        booking_reference=proposal.booking_reference if status == "booked" else None,
        withdrawn_by=cmd.caller.actor, reason=cmd.reason)
    return await uow.proposals.update(proposal, Change(changes, events=(event,)))


async def set_help(cmd: SetHelp, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """'Help needed' set (with its note) or cleared (WL-10)."""
    if proposal.status in ("sent", "booked", "withdrawing"):
        raise WrongStatus(f"a proposal in status '{proposal.status}' needs no help")
    note = (cmd.note or "").strip() or None if cmd.needed else None
    return await uow.proposals.update(proposal, Change({"help_needed": cmd.needed, "help_note": note},
                                                       action="help", actor=cmd.caller.actor))


def _require_misc(proposal: Proposal) -> None:
    if proposal.mailbox != "misc" or proposal.status not in MISC:
        raise WrongStatus("only misc documents are filed; change the document type to misc first")


async def file_document(cmd: FileDocument, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """Filed under one of the dossier's permanent-dossier types (any type when the dossier names none)."""
    _require_misc(proposal)
    allowed = [t.get("code", t) if isinstance(t, Mapping) else t
               for t in (cmd.dossier.get("settings") or {}).get("permanent_dossier_types") or ()]
    if allowed and cmd.misc_type not in allowed:
        raise Invalid.of([FieldProblem("type", "unknown_type", f"{cmd.misc_type} is not a permanent-dossier type "
                                                               f"of the dossier ({', '.join(allowed)})")])
    return await uow.proposals.update(proposal, Change(
        {"status": "filed", "misc_type": cmd.misc_type, "filed_by": cmd.caller.actor,
         "filed_at": datetime.now(timezone.utc)}, action="file", actor=cmd.caller.actor))


async def unfile_document(cmd: UnfileDocument, proposal: Proposal, uow: UnitOfWork, deps: Deps) -> Proposal:
    """Back to 'to file', without type."""
    _require_misc(proposal)
    return await uow.proposals.update(proposal, Change(
        {"status": "to_file", "misc_type": None, "filed_at": None, "filed_by": None},
        action="unfile", actor=cmd.caller.actor))


Handler = Callable[[Any, Proposal, UnitOfWork, Deps], Awaitable[Proposal]]
HANDLERS: dict[type, Handler] = {
    ReviewProposal: review, SendProposal: send, ChangeProposal: change, DeleteProposal: delete,
    SetHelp: set_help, FileDocument: file_document, UnfileDocument: unfile_document,
}


async def handle(deps: Deps, dossier_id: UUID, proposal_id: UUID, cmd: ProposalCommand) -> Proposal:
    """Run a command on one proposal in one transaction; its errors go to the caller. The proposal after it."""
    async with deps.uow() as uow:
        proposal = await load(uow, dossier_id, proposal_id, lock=True)
        return await HANDLERS[type(cmd)](cmd, proposal, uow, deps)


async def handle_each(deps: Deps, dossier_id: UUID, ids: list[UUID], cmd: ProposalCommand) -> Outcome:
    """Run a command on each proposal of a selection, each in its own transaction."""
    outcome = Outcome()
    for proposal_id in dict.fromkeys(ids):
        try:
            await handle(deps, dossier_id, proposal_id, cmd)
            outcome.done.append(proposal_id)
        except WorklistError as exc:
            outcome.refused.append(Refusal(proposal_id, exc.code, exc.message))
        except Forbidden as exc:
            outcome.refused.append(Refusal(proposal_id, "forbidden", exc.reason))
    return outcome


async def ask_client(deps: Deps, dossier_id: UUID, proposal_id: UUID, cmd: AskClient) -> UUID:
    """WL-6: notification.requested with the document attached; its event id (the request's id)."""
    async with deps.uow() as uow:
        proposal = await load(uow, dossier_id, proposal_id, lock=False)
        doc = await uow.documents.get(proposal.dossier_id, proposal.document_id)
        if doc is None:
            raise DocumentUnknown("the document's file is not known to the worklist (no document.received for it)")
        recipient, language = _recipient(cmd)
        content = proposal.content
        params = {"question": cmd.question, "proposal_id": str(proposal.proposal_id),
                  "document_id": str(proposal.document_id), "invoice_number": content.get("invoice_number") or "",
                  "counterparty": (content.get("counterparty") or {}).get("name") or "",
                  "asked_by": cmd.caller.name or "",
                  "asked_by_id": cmd.caller.actor["user_id"] or ""}  # notify sends the client's answer back to them
        event = NotificationRequested(
            correlation_id=cmd.caller.correlation_id, office_id=proposal.office_id, dossier_id=proposal.dossier_id,
            template="worklist.question", recipient=recipient,
            audience="recipient" if recipient else "dossier_full_access", language=language, channel="portal",
            params=params, attachments=[{"storage_key": doc.storage_key, "filename": doc.filename,
                                         "content_type": doc.content_type, "document_id": doc.document_id}])
        uow.publish(event)
    return event.event_id


def _recipient(cmd: AskClient) -> tuple[dict[str, str | None], str]:
    """Who is asked (nobody in particular: empty) and in which language."""
    user: Mapping[str, Any] = {}
    recipient: dict[str, str | None] = {}
    if cmd.recipient_id is not None:
        found = next((u for u in cmd.dossier.get("users") or () if u.get("user_id") == str(cmd.recipient_id)
                      and u.get("active", True)), None)
        if found is None:
            raise Invalid.of([FieldProblem("recipient_user_id", "unknown_user",
                                           f"{cmd.recipient_id} is not an active client user of this dossier")])
        user = found
        recipient = {"user_id": user["user_id"], "email": user.get("email"), "name": user.get("name")}
    return recipient, user.get("language") or (cmd.dossier.get("settings") or {}).get("language") or "nl"


def new_correlation_id() -> str:
    return f"worklist-{uuid.uuid4().hex[:12]}"
