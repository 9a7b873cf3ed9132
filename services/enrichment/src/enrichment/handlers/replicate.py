"""Use cases that keep the replica current: dossier settings, master data, final bookings, withdrawals."""
from __future__ import annotations

import logging
from dataclasses import replace
from uuid import UUID

from contracts.events.bookings import BookingRecorded
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import Booking, LedgerSynced, MasterData
from contracts.events.proposals import ProposalWithdrawn
from enrichment.adapters import records
from enrichment.domain import duplicates
from enrichment.handlers.ports import Replica

log = logging.getLogger(__name__)


async def apply_dossier(replica: Replica, event: DossierChanged) -> None:
    """Replace the dossier (its settings and VAT number among it) with the snapshot."""
    if event.dossier_id is None:
        return
    await replica.save_dossier(event)


async def apply_ledger(replica: Replica, event: LedgerSynced) -> None:
    """A sync run's master data: upserts and deletions, booking history to learn from."""
    if event.dossier_id is None or event.outcome != "succeeded" or event.master_data is None:
        return
    await apply_master_data(replica, event.dossier_id, event.master_data)


async def apply_booking(replica: Replica, event: BookingRecorded) -> None:
    """A proposal posted (learn from its booking and the records it created) or its booking deleted (forget it)."""
    if event.dossier_id is None or event.outcome != "succeeded":
        return
    if event.records is not None:
        await apply_master_data(replica, event.dossier_id, event.records)
    if event.booking is None:
        return
    if event.action == "posted":
        await learn(replica, event.dossier_id, event.booking)
    else:
        await replica.forget_booking(event.dossier_id, event.booking.reference)


async def apply_master_data(replica: Replica, dossier_id: UUID, data: MasterData) -> None:
    for kind, (_, key) in records.KEPT.items():
        found = getattr(data, kind)
        if found:
            await replica.upsert_records(dossier_id, kind, [(getattr(r, key), r.model_dump(mode="json"))
                                                            for r in found])
    for gone in data.deleted:
        if gone.kind in records.KEPT:
            await replica.delete_record(dossier_id, gone.kind, gone.reference)
        elif gone.kind == "entries":
            await replica.forget_booking(dossier_id, gone.reference)
    for booking in data.entries:
        await learn(replica, dossier_id, booking)


async def learn(replica: Replica, dossier_id: UUID, booking: Booking) -> None:
    """Remember a final booking: its lines teach the next proposal, its numbers catch duplicates."""
    book = await replica.book(dossier_id)
    ours = None
    if booking.external_id:
        try:
            ours = await replica.proposal_facts(UUID(booking.external_id))
        except ValueError:
            log.info("booking %s has a foreign external id %r", booking.reference, booking.external_id)
    facts = records.booking_facts(booking, book, ours)
    if facts.vat_number is None and ours and ours.vat_number:
        facts = replace(facts, vat_number=ours.vat_number)
    parties = [f"ref:{facts.counterparty_reference}"] if facts.counterparty_reference else []
    parties += [f"vat:{facts.vat_number}"] if facts.vat_number else []
    keys = duplicates.keys_for(None, tuple(parties), facts.invoice_number, facts.total, facts.invoice_date)
    await replica.record_booking(dossier_id, facts, keys)


async def withdraw(replica: Replica, event: ProposalWithdrawn) -> None:
    """The worklist deleted the proposal: the document no longer counts as a duplicate and may be proposed again."""
    if event.dossier_id is not None:
        await replica.withdraw(event.dossier_id, event.proposal_id, event.document_id)
