"""The use cases of what the worklist follows on Kafka (table: entrypoints/kafka.py): proposals, documents, the
accounting software's answers, dossiers. Each is `(conn, event, deps)`; none needs more than the connection."""
from __future__ import annotations

import uuid
from typing import Any

import asyncpg
from contracts.events.documents import DocumentReceived
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalContent, ProposalCreated
from runtime import replica as dossiers
from runtime.errors import PermanentError

from worklist.adapters import proposals, replica
from worklist.handlers.context import Deps

CONTENT_FIELDS = set(ProposalContent.model_fields)
MISC_NAMESPACE = uuid.UUID("6f1b2a1e-9d4c-4c7e-9f0a-3a1f5c2d7b10")


def misc_proposal_id(document_id: uuid.UUID) -> uuid.UUID:
    """The id of the misc item made for a document of the misc mailbox (stable, so a redelivery finds it)."""
    return uuid.uuid5(MISC_NAMESPACE, str(document_id))


async def _mailbox_of(conn: asyncpg.Connection, event: ProposalCreated) -> str:
    if event.mailbox:
        return event.mailbox
    known = await conn.fetchval("SELECT mailbox FROM documents WHERE document_id = $1", event.document_id)
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
    }


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated, deps: Deps | None = None) -> None:
    """Store the proposal once; a later event for the same proposal replaces it only while nobody touched it."""
    if event.dossier_id is None:
        raise PermanentError("proposal.created without dossier_id: the proposal belongs to no worklist")
    await proposals.insert(conn, created_row(event, await _mailbox_of(conn, event)))
    # the proposal supersedes the misc item made for the same document, unless someone already worked on it
    await conn.execute("DELETE FROM proposals WHERE proposal_id = $1 AND version = 1 AND status = 'to_file'",
                       misc_proposal_id(event.document_id))


async def on_document_received(conn: asyncpg.Connection, event: DocumentReceived, deps: Deps | None = None) -> None:
    """Remember the document's file (previews, attachments); a misc-mailbox document becomes a misc item (WL-12)."""
    if event.dossier_id is None:
        raise PermanentError("document.received without dossier_id: the document belongs to no worklist")
    await conn.execute(
        "INSERT INTO documents (document_id, dossier_id, mailbox, filename, content_type, storage_key, page_count, "
        "received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (document_id) DO UPDATE SET "
        "mailbox = $3, filename = $4, content_type = $5, storage_key = $6, page_count = $7",
        event.document_id, event.dossier_id, event.mailbox, event.filename, event.content_type, event.storage_key,
        event.page_count, event.occurred_at)
    if event.mailbox != "misc":
        return
    content = {"proposal_id": str(misc_proposal_id(event.document_id)), "document_id": str(event.document_id),
               "origin": "manual", "document_kind": "invoice", "lines": [], "warnings": [], "currency": "EUR",
               "invoice_number": None, "counterparty": None}
    await proposals.insert(conn, {
        "proposal_id": misc_proposal_id(event.document_id), "office_id": event.office_id,
        "dossier_id": event.dossier_id, "document_id": event.document_id, "mailbox": "misc", "status": "to_file",
        "auto_status": "unrecognized", "content": content, "page_count": event.page_count,
        "processed_at": event.occurred_at}, replace_untouched=False)


async def _posted(conn: asyncpg.Connection, event: LedgerSynced, row: dict[str, Any]) -> None:
    if event.outcome == "succeeded":
        if row["status"] in ("sent", "rejected"):
            reference = event.booking.reference if event.booking else None
            await proposals.update(conn, row, {"status": "booked", "booking_reference": reference,
                                               "rejection_reason": None, "rejection_code": None,
                                               "rejection_params": None})
    elif row["status"] == "sent":
        await proposals.update(conn, row, {"status": "rejected",
                                           "rejection_reason": event.error_reason or "refused by the accounting software",
                                           "rejection_code": event.error_code, "rejection_params": event.error_params})


async def _deleted(conn: asyncpg.Connection, event: LedgerSynced, row: dict[str, Any]) -> None:
    if row["status"] != "withdrawing":
        return
    if event.outcome == "succeeded":
        await proposals.update(conn, row, {"deleted_at": event.occurred_at, "status": "booked"})
    else:
        reason = f"deleting the booking was refused: {event.error_reason or 'no reason given'}"
        await proposals.update(conn, row, {"status": "booked", "rejection_reason": reason})


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced, deps: Deps | None = None) -> None:
    """Booked or rejected after a posting; gone or back to booked after a deletion; master data into the replica."""
    if event.dossier_id is not None and event.master_data is not None:
        await replica.apply_master_data(conn, event.dossier_id, event.master_data)
    if event.proposal_id is None or event.action not in ("posted", "deleted"):
        return
    row = await proposals.get_any(conn, event.proposal_id, lock=True)
    if row is None or row["deleted_at"] is not None or (event.dossier_id and row["dossier_id"] != event.dossier_id):
        return
    await (_posted if event.action == "posted" else _deleted)(conn, event, row)


# the platform's dossier replica (validation mode, direct booking, journals, users, assignments): runtime.replica
on_dossier_changed = dossiers.projection()
