"""Use cases of the events reporting follows; each runs on the consumer's transaction (inbox + effect) as
`(conn, event, deps)`; none needs more than the connection, so deps may be left out (tests call them on a connection)."""
from __future__ import annotations

from typing import Any

import asyncpg
from contracts.events.documents import DocumentReceived
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import Booking, LedgerSynced, MasterData
from contracts.events.bank import BankStatementImported
from contracts.events.payments import PaymentApproved, PaymentCancelled
from contracts.events.proposals import ProposalCreated, ProposalValidated
from contracts.events.recognition import DocumentRecognized
from runtime import replica as dossiers

from reporting.adapters import ledger_repo, replica_repo
from reporting.entrypoints.metrics import ARCHIVED, RECORDS, STAGE_SECONDS
from reporting.handlers.context import Deps

# MasterData field -> replica table; the same names are the `kind` of DeletedRecord
KINDS = {"entries": "entries", "open_items": "open_items", "bank_transactions": "bank_transactions",
         "accounts": "accounts", "counterparties": "counterparties", "periods": "periods"}


# the platform's dossier replica: office, effective settings, "accounting updated up to" (DOS-1, DOS-2, OFF-1)
on_dossier_changed = dossiers.projection()


def entry_row(b: Booking, document_id: Any = None) -> dict[str, Any]:
    return {"reference": b.reference, "journal_code": b.journal.code, "journal_type": b.journal.type,
            "period_code": b.period.code, "booking_date": b.booking_date, "document_number": b.document_number,
            "counterparty_reference": b.counterparty_reference, "invoice_number": b.invoice_number,
            "invoice_date": b.invoice_date, "document_kind": b.document_kind, "total": b.total,
            "external_id": b.external_id, "document_id": document_id,
            "lines": [ln.model_dump(mode="json") for ln in b.lines]}


def _rows(kind: str, records: tuple) -> list[dict[str, Any]]:
    if kind == "entries":
        return [entry_row(b) for b in records]
    if kind in ("accounts", "periods"):
        return [{**r.model_dump(), "reference": r.code} for r in records]
    if kind == "counterparties":
        return [{**r.model_dump(), "roles": list(r.roles)} for r in records]
    return [r.model_dump() for r in records]


async def on_booking_recorded(conn: asyncpg.Connection, event: BookingRecorded, deps: Deps | None = None) -> None:
    """REP-1..6: a proposal posted (its entry, the document booked) or its booking deleted (SYN-6)."""
    if event.outcome != "succeeded":
        return
    at, dossier = event.occurred_at, event.dossier_id
    if event.booking is not None and event.action == "posted":
        await ledger_repo.upsert(conn, "entries", dossier, at, [entry_row(event.booking, event.document_id)])
    elif event.booking is not None and event.action == "deleted":
        await ledger_repo.delete(conn, "entries", dossier, at, [event.booking.reference])
    if event.document_id is not None:
        booked = event.action == "posted"
        await replica_repo.save_status(conn, event.document_id, dossier, event.office_id,
                                       "booked" if booked else "booking_deleted",
                                       event.booking.reference if booked and event.booking else None,
                                       event.proposal_id)
    if event.records is not None:
        await _apply_master_data(conn, dossier, at, event.records)
    if event.document_id is not None and event.action == "posted":
        await _reach(conn, event.document_id, "booked", at)


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced, deps: Deps | None = None) -> None:
    """REP-1..6: a sync run's 'accounting updated up to' and its part of master data."""
    if event.outcome != "succeeded":
        return
    await replica_repo.save_sync(conn, event.dossier_id, event.sync.updated_up_to, event.occurred_at)
    if event.master_data is not None:
        await _apply_master_data(conn, event.dossier_id, event.occurred_at, event.master_data)


async def _apply_master_data(conn: asyncpg.Connection, dossier: Any, at: Any, data: MasterData) -> None:
    for kind, table in KINDS.items():
        rows = _rows(kind, getattr(data, kind))
        await ledger_repo.upsert(conn, table, dossier, at, rows)
        RECORDS.labels(kind).inc(len(rows))
    for kind, table in KINDS.items():
        await ledger_repo.delete(conn, table, dossier, at, [d.reference for d in data.deleted if d.kind == kind])


async def on_document_received(conn: asyncpg.Connection, event: DocumentReceived, deps: Deps | None = None) -> None:
    """REP-3: a document entered processing; it goes into the dossier's archive."""
    await replica_repo.save_received(conn, {
        "document_id": event.document_id, "dossier_id": event.dossier_id, "office_id": event.office_id,
        "mailbox": event.mailbox, "filename": event.filename, "content_type": event.content_type,
        "source": event.source, "size_bytes": event.size_bytes, "received_at": event.occurred_at})
    ARCHIVED.inc()
    await _reach(conn, event.document_id, "uploaded", event.uploaded_at or event.occurred_at)  # older events: sent
    await _reach(conn, event.document_id, "received", event.occurred_at)  # sent into processing (ING-9, ING-10)


async def on_document_recognized(conn: asyncpg.Connection, event: DocumentRecognized, deps: Deps | None = None) -> None:
    """REP-3: the archive's document type (invoice, credit note, receipt, other) as recognition read it, with the
    verdict of a structured e-invoice's XSD / EN 16931 schematron checks (DESIGN: kept with the document)."""
    if event.document_kind is not None:
        check = event.invoice.validation if event.invoice is not None else None
        await replica_repo.save_type(conn, event.document_id, event.dossier_id, event.office_id,
                                     event.document_kind, check.model_dump(mode="json") if check else None)
    if event.status != "technical_error":  # read (fully, partly or not at all); a failed reading may be retried
        await _reach(conn, event.document_id, "recognised", event.occurred_at)


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated, deps: Deps | None = None) -> None:
    """Issue 18: the document's first proposal (stage latency only; the proposal itself is worklist's)."""
    await _reach(conn, event.document_id, "proposed", event.occurred_at)


async def on_proposal_validated(conn: asyncpg.Connection, event: ProposalValidated, deps: Deps | None = None) -> None:
    """Issue 18: the document's proposal was first reviewed and sent (stage latency only)."""
    await _reach(conn, event.document_id, "validated", event.occurred_at)


async def _reach(conn: asyncpg.Connection, document_id: Any, stage: str, at: Any) -> None:
    """Issue 18: bf_stage_seconds{stage} = the stage event's own time - the upload's, once per document and stage
    (the table keeps the first time of each; a redelivered or repeated event observes nothing). Observed last in the
    handler, i.e. just before the inbox transaction commits."""
    for reached, seconds in await replica_repo.reach_stage(conn, document_id, stage, at):
        STAGE_SECONDS.labels(reached).observe(seconds)


async def on_payment_approved(conn: asyncpg.Connection, event: PaymentApproved, deps: Deps | None = None) -> None:
    """REP-4: an approved payment puts its invoice "payment in progress" until the ledger shows it paid."""
    await replica_repo.save_payment(conn, {
        "payment_id": event.payment_id, "dossier_id": event.dossier_id, "document_id": event.document_id,
        "amount": event.amount, "execution_date": event.execution_date, "approved_at": event.occurred_at})


async def on_payment_cancelled(conn: asyncpg.Connection, event: PaymentCancelled, deps: Deps | None = None) -> None:
    """PAY-7 (issue 17 item 1): a cancelled payment no longer puts its invoice "payment in progress"."""
    await replica_repo.cancel_payment(conn, {"payment_id": event.payment_id, "dossier_id": event.dossier_id,
                                             "document_id": event.document_id, "amount": event.amount,
                                             "cancelled_at": event.occurred_at})


async def on_bank_statement_imported(conn: asyncpg.Connection, event: BankStatementImported,
                                     deps: Deps | None = None) -> None:
    """REP-4, REP-6 (issue 17): the invoices a statement line paid are paid in History and the dashboard's open
    items at once, not only after the next sync."""
    paid = [(item.external_id, item.paid_in_full, item.amount) for line in event.lines for item in line.matched
            if item.external_id]
    if event.outcome == "imported" and event.dossier_id and paid:
        await ledger_repo.paid_by_bank(conn, event.dossier_id, paid)
