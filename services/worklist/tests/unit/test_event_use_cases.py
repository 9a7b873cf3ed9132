"""The use cases of what the worklist follows on Kafka (handlers/events.py) on the memory unit of work: proposals
stored once, misc items, the accounting software's answers and master data."""
from __future__ import annotations

import uuid

import pytest
from contracts.events.bookings import BookingRecorded
from runtime.errors import PermanentError

from worklist.domain.records import Change
from worklist.handlers.events import booking_recorded, document_received, ledger_synced, misc_proposal_id, proposal_created

from worklist_memory import MemoryUnitOfWork
from worklist_testkit import document_received as received
from worklist_testkit import master_data, proposal_created as created

OFFICE, DOSSIER = str(uuid.uuid4()), str(uuid.uuid4())
D = uuid.UUID(DOSSIER)


def recorded(proposal_id, *, action="posted", ok=True, reason=None) -> BookingRecorded:
    return BookingRecorded.model_validate({
        "correlation_id": "t", "office_id": OFFICE, "dossier_id": DOSSIER, "action": action,
        "outcome": "succeeded" if ok else "failed", "error_reason": reason, "error_code": None if ok else "closed",
        "accounting_software": "tryton", "proposal_id": str(proposal_id),
        "booking": {"reference": "account.move,7", "journal": {"code": "ACH", "type": "purchases"},
                    "period": {"code": "2025-03", "start_date": "2025-03-01", "end_date": "2025-03-31"},
                    "booking_date": "2025-03-12", "total": "121.00"} if ok and action == "posted" else None})


@pytest.fixture
def uow() -> MemoryUnitOfWork:
    return MemoryUnitOfWork()


async def run(uow, use_case, event) -> None:
    async with uow() as u:
        await use_case(u, event)


async def test_a_proposal_is_replaced_only_while_nobody_touched_it(uow):
    first = created(OFFICE, DOSSIER)
    await run(uow, proposal_created, first)
    await run(uow, proposal_created, first.model_copy(update={"invoice_number": "F-2"}))
    stored = await uow.proposals.get(D, first.proposal_id)
    assert (stored.content["invoice_number"], stored.mailbox, stored.status) == ("F-2", "purchases", "complete")
    async with uow() as u:
        await u.proposals.update(stored, Change({"note": "mine"}, action="edit"))
    await run(uow, proposal_created, first.model_copy(update={"invoice_number": "F-3"}))
    assert (await uow.proposals.get(D, first.proposal_id)).content["invoice_number"] == "F-2"
    with pytest.raises(PermanentError):
        await run(uow, proposal_created, first.model_copy(update={"dossier_id": None}))


async def test_a_misc_document_is_an_item_to_file_until_a_proposal_supersedes_it(uow):
    document_id = str(uuid.uuid4())
    await run(uow, document_received, received(OFFICE, DOSSIER, document_id, mailbox="misc"))
    item = await uow.proposals.get(D, misc_proposal_id(uuid.UUID(document_id)))
    assert (item.mailbox, item.status, item.auto_status) == ("misc", "to_file", "unrecognized")
    assert (await uow.documents.get(D, uuid.UUID(document_id))).filename == "invoice.pdf"
    proposal = created(OFFICE, DOSSIER, document_id=document_id, mailbox=None)
    await run(uow, proposal_created, proposal)
    assert await uow.proposals.get_any(item.proposal_id) is None
    assert (await uow.proposals.get(D, proposal.proposal_id)).mailbox == "misc", "the document's mailbox is kept"


async def test_the_softwares_answers_book_reject_and_delete(uow):
    event = created(OFFICE, DOSSIER)
    await run(uow, proposal_created, event)
    await run(uow, booking_recorded, recorded(event.proposal_id))
    assert (await uow.proposals.get(D, event.proposal_id)).status == "complete", "only a sent proposal is booked"
    async with uow() as u:
        await u.proposals.update(await u.proposals.get(D, event.proposal_id), Change({"status": "sent"}))
    await run(uow, booking_recorded, recorded(event.proposal_id, ok=False, reason="period closed"))
    rejected = await uow.proposals.get(D, event.proposal_id)
    assert (rejected.status, rejected.rejection_reason, rejected.rejection_code) == ("rejected", "period closed", "closed")
    await run(uow, booking_recorded, recorded(event.proposal_id))
    booked = await uow.proposals.get(D, event.proposal_id)
    assert (booked.status, booked.booking_reference, booked.rejection_reason) == ("booked", "account.move,7", None)
    async with uow() as u:
        await u.proposals.update(booked, Change({"status": "withdrawing"}))
    await run(uow, booking_recorded, recorded(event.proposal_id, action="deleted", ok=False, reason="locked"))
    assert (await uow.proposals.get(D, event.proposal_id)).rejection_reason.endswith("refused: locked")
    async with uow() as u:
        await u.proposals.update(await u.proposals.get(D, event.proposal_id), Change({"status": "withdrawing"}))
    await run(uow, booking_recorded, recorded(event.proposal_id, action="deleted"))
    assert await uow.proposals.get(D, event.proposal_id) is None


async def test_master_data_reaches_the_replica(uow):
    await run(uow, ledger_synced, master_data(OFFICE, DOSSIER))
    choices = await uow.master.choices({"dossier_id": D}, ["P-0007"])
    assert "604000" in choices.accounts and list(choices.counterparties) == ["P-0007"]
