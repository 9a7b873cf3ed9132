"""Use cases of the events payments follows; each runs on the consumer's transaction (inbox + effect)."""
from __future__ import annotations

import logging
from decimal import Decimal
from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalCreated, ProposalValidated

from payments.adapters import replica
from payments.entrypoints.metrics import DOCUMENTS_PAYABLE

log = logging.getLogger(__name__)


async def on_dossier_changed(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Replace the dossier replica: settings (payment_module, default_payment_date) and who may pay."""
    snap = event.dossier
    payers = [u.user_id for u in snap.users if u.active and u.profile in replica.PAYER_PROFILES]
    await replica.save_dossier(conn, event.dossier_id, event.office_id, snap.name,
                               snap.settings.model_dump(mode="json"), payers)


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated) -> None:
    """PAY-2: remember a purchase invoice's counterparty, IBAN, total, reference and dates (not yet reviewed: they
    prefill no payment until proposal.validated brings the reviewed values)."""
    if await _save_payable(conn, event, reviewed=False):
        DOCUMENTS_PAYABLE.inc()


async def on_proposal_validated(conn: asyncpg.Connection, event: ProposalValidated) -> None:
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


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced) -> None:
    """PAY-7: payable open items the accounting software reports; no open amount left means paid.

    Only items we booked carry our proposal id (``external_id``); others are not documents of ours.
    """
    items = event.master_data.open_items if event.master_data else ()
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
        await replica.mark_paid(conn, event.dossier_id, paid, True)
    if open_:
        await replica.mark_paid(conn, event.dossier_id, open_, False)
