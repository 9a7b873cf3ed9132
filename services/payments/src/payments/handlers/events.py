"""Use cases of the events payments follows; each runs on the consumer's transaction (inbox + effect)."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from uuid import UUID

import asyncpg
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import LedgerSynced, OpenItem
from contracts.events.proposals import ProposalCreated, ProposalValidated
from runtime import replica as dossiers

from payments.adapters import accounts_repo, replica
from payments.entrypoints.metrics import DOCUMENTS_PAYABLE
from payments.handlers.context import Deps

log = logging.getLogger(__name__)

# the platform's dossier replica (runtime.replica): settings (payment_module, default_payment_date) and who may pay
on_dossier_changed = dossiers.projection()


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated, deps: Deps | None = None) -> None:
    """PAY-2: remember a purchase invoice's counterparty, IBAN, total, reference and dates (not yet reviewed: they
    prefill no payment until proposal.validated brings the reviewed values)."""
    if await _save_payable(conn, event, reviewed=False):
        DOCUMENTS_PAYABLE.inc()


async def on_proposal_validated(conn: asyncpg.Connection, event: ProposalValidated, deps: Deps | None = None) -> None:
    """Issue 15 item 11: the invoice as reviewed and sent replaces recognition's values; from now on it prefills
    its payment and is listed to pay."""
    await _save_payable(conn, event, reviewed=True)


async def _save_payable(conn: asyncpg.Connection, event: ProposalCreated | ProposalValidated, *,
                        reviewed: bool) -> bool:
    """Sales documents, credit notes and proposals without a total are not something the dossier pays."""
    if event.journal.type != "purchases" or event.document_kind != "invoice" or event.totals.gross <= 0:
        return False
    doc = replica.PayableDocument(
        document_id=event.document_id, dossier_id=event.dossier_id, proposal_id=event.proposal_id,
        counterparty_name=event.counterparty.name, iban=event.counterparty.iban, amount=event.totals.gross,
        payment_reference=event.payment_reference, invoice_number=event.invoice_number,
        invoice_date=event.invoice_date, due_date=event.due_date, paid=False, reviewed=reviewed)
    await replica.save_document(conn, event.office_id, doc)
    return True


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced, deps: Deps | None = None) -> None:
    """PAY-7: payable open items the accounting software reports; no open amount left means paid.

    Only items we booked carry our proposal id (``external_id``); others are not documents of ours. The accounts
    the bank transactions are of are the dossier's own (issue 17 item 2: accounts to pay from, PAY-3).
    """
    if event.master_data and event.dossier_id:
        ibans = [t.account_iban for t in event.master_data.bank_transactions if t.account_iban]
        if ibans:
            await accounts_repo.learn(conn, event.dossier_id, ibans, "accounting", event.occurred_at)
    await _follow_open_items(conn, event.dossier_id, event.master_data.open_items if event.master_data else ())


async def on_booking_recorded(conn: asyncpg.Connection, event: BookingRecorded, deps: Deps | None = None) -> None:
    """PAY-7 at posting time: the open item a posting created comes with its outcome (records), not with a later
    sync (sync-connector counts it as published), so it is read here as on ledger.synced."""
    if event.records and event.dossier_id:
        await _follow_open_items(conn, event.dossier_id, event.records.open_items)


async def _follow_open_items(conn: asyncpg.Connection, dossier_id: UUID, items: Sequence[OpenItem]) -> None:
    paid: list[UUID] = []
    open_: list[UUID] = []
    for item in items:
        if item.kind != "payable" or not item.external_id:
            continue
        try:
            proposal_id = UUID(item.external_id)
        except ValueError:
            continue
        (paid if item.amount_open <= Decimal(0) else open_).append(proposal_id)
    if paid:
        await replica.mark_paid(conn, dossier_id, paid, True)
    if open_:
        await replica.mark_paid(conn, dossier_id, open_, False)
