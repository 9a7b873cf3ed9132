"""Use cases on one or many proposals: review, send, change, delete (WL-4), help (WL-10), filing (WL-12), asking the client (WL-6)."""
from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.notifications import NotificationRequested
from contracts.events.proposals import ProposalValidated, ProposalWithdrawn
from runtime.auth.policy import Forbidden
from runtime.outbox import enqueue

from worklist.adapters import proposals
from worklist.domain.errors import DocumentUnknown, FieldProblem, Invalid, WorklistError, WrongStatus
from worklist.domain.statuses import EDITABLE, MISC, require_sendable, require_vat_codes, reviewed_status
from worklist.handlers.annotation import edit_changes, load, review_changes
from worklist.handlers.context import Caller, Deps

OneAction = Callable[[asyncpg.Connection, dict[str, Any]], Awaitable[dict[str, Any]]]
SERVICE = "worklist"


async def for_each(deps: Deps, dossier: Mapping[str, Any], ids: list[UUID], action: OneAction) -> dict[str, Any]:
    """Apply an action to each proposal in its own transaction: one refused does not stop the others."""
    done, refused = [], []
    async with deps.pool.acquire() as conn:
        for proposal_id in dict.fromkeys(ids):
            try:
                async with conn.transaction():
                    row = await load(conn, dossier["dossier_id"], proposal_id, lock=True)
                    await action(conn, row)
                done.append(str(proposal_id))
            except WorklistError as exc:
                refused.append({"proposal_id": str(proposal_id), "code": exc.code, "message": exc.message})
            except Forbidden as exc:
                refused.append({"proposal_id": str(proposal_id), "code": "forbidden", "message": exc.reason})
    return {"done": done, "refused": refused}


async def for_each_strict(deps: Deps, dossier: Mapping[str, Any], proposal_id: UUID, action: OneAction) -> dict[str, Any]:
    """Apply an action to one proposal; its errors go to the caller. Returns the proposal after it."""
    async with deps.pool.acquire() as conn, conn.transaction():
        row = await load(conn, dossier["dossier_id"], proposal_id, lock=True)
        return await action(conn, row)


def check(caller: Caller) -> OneAction:
    """Review: checked (suspense lines) or validated."""

    async def one(conn: asyncpg.Connection, row: dict[str, Any]) -> dict[str, Any]:
        return await proposals.update(conn, row, review_changes(row, row["content"]), action="review", actor=caller.actor)

    return one


def _validated_event(row: Mapping[str, Any], dossier: Mapping[str, Any], caller: Caller) -> ProposalValidated:
    settings = dossier.get("settings") or {}
    content = {k: v for k, v in row["content"].items() if v is not None}
    return ProposalValidated.model_validate({
        **content, "correlation_id": caller.correlation_id, "office_id": str(row["office_id"]),
        "dossier_id": str(row["dossier_id"]), "status": reviewed_status(row["content"]),
        "validated_by": caller.actor, "validation_mode": settings.get("validation_mode") or "collaborator",
        "comment": row.get("comment"), "direct_booking": bool(settings.get("direct_booking")),
    })


def send(dossier: Mapping[str, Any], caller: Caller) -> OneAction:
    """Send to the accounting software: proposal.validated through the outbox, status 'sent'."""

    async def one(conn: asyncpg.Connection, row: dict[str, Any]) -> dict[str, Any]:
        require_sendable(row["status"])
        require_vat_codes(row["content"])
        try:
            event = _validated_event(row, dossier, caller)
        except ValueError as exc:
            raise Invalid(f"the proposal cannot be sent as it is: {exc}".splitlines()[0]) from exc
        await enqueue(conn, event, source=SERVICE)
        return await proposals.update(conn, row, {"status": "sent", "sent_at": datetime.now(timezone.utc),
                                           "validated_by": caller.actor})

    return one


def change(deps: Deps, dossier: Mapping[str, Any], caller: Caller, fields: Mapping[str, Any]) -> OneAction:
    """Change type (mailbox), journal or period of each proposal, as an edit would."""

    async def one(conn: asyncpg.Connection, row: dict[str, Any]) -> dict[str, Any]:
        changes = await edit_changes(conn, deps, dossier, row, fields, caller)
        return await proposals.update(conn, row, changes, action="change", actor=caller.actor)

    return one


def delete(caller: Caller, reason: str | None, may_delete_booking: bool) -> OneAction:
    """Delete a proposal not sent (gone at once), or ask the connector to delete a booked entry (SYN-6)."""

    async def one(conn: asyncpg.Connection, row: dict[str, Any]) -> dict[str, Any]:
        status = row["status"]
        if status == "booked":
            if not may_delete_booking:
                raise Forbidden("deleting an entry already booked needs the booking.delete permission")
            changes: dict[str, Any] = {"status": "withdrawing"}
        elif status in EDITABLE or status in MISC:
            changes = {"deleted_at": datetime.now(timezone.utc)}
        else:
            raise WrongStatus(f"a proposal in status '{status}' cannot be deleted now")
        await enqueue(conn, ProposalWithdrawn(
            correlation_id=caller.correlation_id, office_id=row["office_id"], dossier_id=row["dossier_id"],
            proposal_id=row["proposal_id"], document_id=row["document_id"],
            booking_reference=row["booking_reference"] if status == "booked" else None,
            withdrawn_by=caller.actor, reason=reason), source=SERVICE)
        return await proposals.update(conn, row, changes)

    return one


def set_help(caller: Caller, needed: bool, note: str | None) -> OneAction:
    """WL-10: set or clear 'help needed' with an optional note."""

    async def one(conn: asyncpg.Connection, row: dict[str, Any]) -> dict[str, Any]:
        if row["status"] in ("sent", "booked", "withdrawing"):
            raise WrongStatus(f"a proposal in status '{row['status']}' needs no help")
        return await proposals.update(conn, row, {"help_needed": needed, "help_note": (note or "").strip() or None if needed else None},
                               action="help", actor=caller.actor)

    return one


def file(dossier: Mapping[str, Any], caller: Caller, misc_type: str | None) -> OneAction:
    """WL-12: file a misc document into the permanent dossier under a type (None: back to 'to file')."""

    async def one(conn: asyncpg.Connection, row: dict[str, Any]) -> dict[str, Any]:
        if row["mailbox"] != "misc" or row["status"] not in MISC:
            raise WrongStatus("only misc documents are filed; change the document type to misc first")
        if misc_type is None:
            return await proposals.update(conn, row, {"status": "to_file", "misc_type": None, "filed_at": None,
                                                      "filed_by": None}, action="unfile", actor=caller.actor)
        allowed = [t.get("code", t) if isinstance(t, Mapping) else t
                   for t in (dossier.get("settings") or {}).get("permanent_dossier_types") or ()]
        if allowed and misc_type not in allowed:
            raise Invalid.of([FieldProblem("type", "unknown_type",
                                           f"{misc_type} is not a permanent-dossier type of the dossier ({', '.join(allowed)})")])
        return await proposals.update(conn, row, {"status": "filed", "misc_type": misc_type, "filed_by": caller.actor,
                                                  "filed_at": datetime.now(timezone.utc)}, action="file", actor=caller.actor)

    return one


async def ask_client(deps: Deps, dossier: Mapping[str, Any], row: Mapping[str, Any], question: str,
                     recipient_id: UUID | None, caller: Caller) -> UUID:
    """WL-6: ask the client about the document: notification.requested with the document attached."""
    async with deps.pool.acquire() as conn, conn.transaction():
        doc = await conn.fetchrow("SELECT * FROM documents WHERE document_id = $1 AND dossier_id = $2",
                                  row["document_id"], row["dossier_id"])
        if doc is None:
            raise DocumentUnknown("the document's file is not known to the worklist (no document.received for it)")
        recipient: dict[str, Any] = {}
        user: dict[str, Any] = {}
        if recipient_id is not None:
            user = next((u for u in dossier.get("users") or () if u.get("user_id") == str(recipient_id)
                         and u.get("active", True)), None)
            if user is None:
                raise Invalid.of([FieldProblem("recipient_user_id", "unknown_user",
                                               f"{recipient_id} is not an active client user of this dossier")])
            recipient = {"user_id": user["user_id"], "email": user.get("email"), "name": user.get("name")}
        language = user.get("language") or (dossier.get("settings") or {}).get("language") or "nl"
        content = row["content"]
        params = {"question": question, "proposal_id": str(row["proposal_id"]), "document_id": str(row["document_id"]),
                  "invoice_number": content.get("invoice_number") or "",
                  "counterparty": (content.get("counterparty") or {}).get("name") or "",
                  "asked_by": caller.name or "",
                  "asked_by_id": caller.actor["user_id"] or ""}  # notify sends the client's answer back to them
        event = NotificationRequested(
            correlation_id=caller.correlation_id, office_id=row["office_id"], dossier_id=row["dossier_id"],
            template="worklist.question", recipient=recipient,
            audience="recipient" if recipient else "dossier_full_access",
            language=language, channel="portal", params=params,
            attachments=[{"storage_key": doc["storage_key"], "filename": doc["filename"],
                          "content_type": doc["content_type"], "document_id": doc["document_id"]}])
        await enqueue(conn, event, source=SERVICE)
    return event.event_id


def new_correlation_id() -> str:
    return f"worklist-{uuid.uuid4().hex[:12]}"
