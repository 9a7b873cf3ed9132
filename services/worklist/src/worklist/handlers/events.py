"""The use cases of what the worklist follows on Kafka (table: entrypoints/kafka.py): proposals, documents, the
accounting software's answers, dossiers. Each is `(uow, event)`; the `on_*` functions the table names run one
`(conn, event, deps)` on the event's inbox transaction."""
from __future__ import annotations

import uuid
from typing import Any

import asyncpg
from contracts.events.bookings import BookingRecorded
from contracts.events.documents import DocumentReceived
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalContent, ProposalCreated
from runtime import replica as dossiers
from runtime.errors import PermanentError

from worklist.adapters.unit_of_work import PgUnitOfWork
from worklist.domain.ports import UnitOfWork
from worklist.domain.records import Change, DocumentFile, Proposal
from worklist.handlers.context import Deps

CONTENT_FIELDS = set(ProposalContent.model_fields)
MISC_NAMESPACE = uuid.UUID("6f1b2a1e-9d4c-4c7e-9f0a-3a1f5c2d7b10")


def misc_proposal_id(document_id: uuid.UUID) -> uuid.UUID:
    """The id of the misc item made for a document of the misc mailbox (stable, so a redelivery finds it)."""
    return uuid.uuid5(MISC_NAMESPACE, str(document_id))


async def _mailbox_of(uow: UnitOfWork, event: ProposalCreated) -> str:
    if event.mailbox:
        return event.mailbox
    known = await uow.documents.mailbox_of(event.document_id)
    if known:
        return known
    return event.journal.type if event.journal.type in ("purchases", "sales") else "purchases"


def created_row(event: ProposalCreated, mailbox: str) -> dict[str, Any]:
    """The stored row of a new proposal (before the list columns are derived from its content)."""
    return {
        "proposal_id": event.proposal_id, "office_id": event.office_id, "dossier_id": event.dossier_id,
        "document_id": event.document_id, "mailbox": mailbox,
        "status": "to_file" if mailbox == "misc" else event.status, "auto_status": event.status,
        "content": event.model_dump(mode="json", include=CONTENT_FIELDS), "page_count": event.page_count,
        "confidence": event.confidence, "words_key": event.words_key, "field_confidence": event.field_confidence,
        "reasons": list(event.reasons), "processed_at": event.occurred_at,
        "e_invoice_check": event.e_invoice_check.model_dump(mode="json") if event.e_invoice_check else None,
        "searchable_pdf_key": event.searchable_pdf_key,
    }


async def proposal_created(uow: UnitOfWork, event: ProposalCreated) -> None:
    """Store the proposal once; a later event for the same proposal replaces it only while nobody touched it."""
    if event.dossier_id is None:
        raise PermanentError("proposal.created without dossier_id: the proposal belongs to no worklist")
    await uow.proposals.add(Proposal.from_row(created_row(event, await _mailbox_of(uow, event))))
    # the proposal supersedes the misc item made for the same document, unless someone already worked on it
    await uow.proposals.discard_untouched(misc_proposal_id(event.document_id))


def misc_item(event: DocumentReceived) -> Proposal:
    """The misc item of a document of the misc mailbox, to file (WL-12)."""
    proposal_id = misc_proposal_id(event.document_id)
    content = {"proposal_id": str(proposal_id), "document_id": str(event.document_id), "origin": "manual",
               "document_kind": "invoice", "lines": [], "warnings": [], "currency": "EUR", "invoice_number": None,
               "counterparty": None}
    assert event.dossier_id is not None
    return Proposal(proposal_id=proposal_id, office_id=event.office_id, dossier_id=event.dossier_id,
                    document_id=event.document_id, mailbox="misc", status="to_file", auto_status="unrecognized",
                    content=content, page_count=event.page_count, processed_at=event.occurred_at)


async def document_received(uow: UnitOfWork, event: DocumentReceived) -> None:
    """Remember the document's file (previews, attachments); a misc-mailbox document becomes a misc item (WL-12)."""
    if event.dossier_id is None:
        raise PermanentError("document.received without dossier_id: the document belongs to no worklist")
    await uow.documents.record(DocumentFile(
        document_id=event.document_id, dossier_id=event.dossier_id, mailbox=event.mailbox, filename=event.filename,
        content_type=event.content_type, storage_key=event.storage_key, page_count=event.page_count,
        received_at=event.occurred_at))
    if event.mailbox == "misc":
        await uow.proposals.add(misc_item(event), replace_untouched=False)


def _after_posting(event: BookingRecorded, proposal: Proposal) -> dict[str, object] | None:
    if event.outcome == "succeeded":
        if proposal.status in ("sent", "rejected"):
            return {"status": "booked", "booking_reference": event.booking.reference if event.booking else None,
                    "rejection_reason": None, "rejection_code": None, "rejection_params": None}
    elif proposal.status == "sent":
        return {"status": "rejected", "rejection_reason": event.error_reason or "refused by the accounting software",
                "rejection_code": event.error_code, "rejection_params": event.error_params}
    return None


def _after_deletion(event: BookingRecorded, proposal: Proposal) -> dict[str, object] | None:
    if proposal.status != "withdrawing":
        return None
    if event.outcome == "succeeded":
        return {"deleted_at": event.occurred_at, "status": "booked"}
    return {"status": "booked",
            "rejection_reason": f"deleting the booking was refused: {event.error_reason or 'no reason given'}"}


async def ledger_synced(uow: UnitOfWork, event: LedgerSynced) -> None:
    """A sync run's master data into the replica the edits are checked against."""
    if event.dossier_id is not None and event.master_data is not None:
        await uow.master.apply(event.dossier_id, event.master_data)


async def booking_recorded(uow: UnitOfWork, event: BookingRecorded) -> None:
    """Booked or rejected after a posting; gone or back to booked after a deletion; the records a posting created
    into the replica."""
    if event.dossier_id is not None and event.records is not None:
        await uow.master.apply(event.dossier_id, event.records)
    found = await uow.proposals.get_any(event.proposal_id, lock=True)
    if found is None or found.deleted_at is not None or (event.dossier_id and found.dossier_id != event.dossier_id):
        return
    changes = (_after_posting if event.action == "posted" else _after_deletion)(event, found)
    if changes is not None:
        await uow.proposals.update(found, Change(changes))


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated, deps: Deps | None = None) -> None:
    """proposal.created on its inbox transaction."""
    async with PgUnitOfWork.within(conn) as uow:
        await proposal_created(uow, event)


async def on_document_received(conn: asyncpg.Connection, event: DocumentReceived, deps: Deps | None = None) -> None:
    """document.received on its inbox transaction."""
    async with PgUnitOfWork.within(conn) as uow:
        await document_received(uow, event)


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced, deps: Deps | None = None) -> None:
    """ledger.synced on its inbox transaction."""
    async with PgUnitOfWork.within(conn) as uow:
        await ledger_synced(uow, event)


async def on_booking_recorded(conn: asyncpg.Connection, event: BookingRecorded, deps: Deps | None = None) -> None:
    """booking.recorded on its inbox transaction."""
    async with PgUnitOfWork.within(conn) as uow:
        await booking_recorded(uow, event)


# the platform's dossier replica (validation mode, direct booking, journals, users, assignments): runtime.replica
on_dossier_changed = dossiers.projection()
