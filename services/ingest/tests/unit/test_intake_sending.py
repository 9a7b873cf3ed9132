"""Intake (ING-1, ING-10), sending (ING-9), edits (ING-5) and what ingest follows on Kafka (SYN-6, WL-13), as use
cases on the memory unit of work: the rules without a database."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from contracts.events.documents import DocumentReceived, DocumentReprocessRequested
from contracts.events.bookings import BookingRecorded
from contracts.examples import example_events

from ingest.domain.errors import Conflict, InvalidSelection, NotFound
from ingest.domain.files import IncomingFile
from ingest.handlers import editing, sending
from ingest.handlers.context import Origin
from ingest.handlers.events import booking_recorded, proposal_created
from ingest.handlers.intake import intake
from ingest.handlers.reprocess import reprocess, reprocess_event_id

from ingest_testkit import pdf_bytes

AT = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc)


async def take(deps, dossier, *names, sender="someone@else.be", mailbox="purchases"):
    files = [IncomingFile(name, pdf_bytes(1)) for name in names]
    return await intake(deps, dossier, mailbox, files, Origin("email", sender=sender))


def received(memory) -> list[DocumentReceived]:
    return [e for e in memory.published if isinstance(e, DocumentReceived)]


async def test_a_whitelisted_sender_skips_the_mailbox_others_stay(deps, memory, dossier):
    """ING-10: purchases from @supplier.be go straight into processing, announced once; the rest wait."""
    auto = (await take(deps, dossier, "a.pdf", sender="Billing@Supplier.be")).documents[0]
    kept = (await take(deps, dossier, "b.pdf")).documents[0]
    assert (auto.status, auto.auto_transmitted, kept.status) == ("processing", True, "mailbox")
    assert [(e.document_id, e.auto_transmitted, e.source, e.dossier_id) for e in received(memory)] == \
        [(auto.id, True, "email", dossier.dossier_id)]


async def test_the_same_bytes_twice_are_one_document(deps, memory, dossier):
    """ING-1: a file already in the dossier is reported as a duplicate of it, not stored twice."""
    data = pdf_bytes(1)
    first = await intake(deps, dossier, "sales", [IncomingFile("x.pdf", data)], Origin("portal"))
    again = await intake(deps, dossier, "sales", [IncomingFile("y.pdf", data)], Origin("portal"))
    assert again.documents == [] and [(n, d.id) for n, d in again.duplicates] == [("y.pdf", first.documents[0].id)]
    assert len(memory.documents.rows) == 1


async def test_sending_twice_publishes_once_and_an_unknown_id_sends_nothing(deps, memory, dossier):
    """ING-9: sent documents move to processing with one document.received each; a list naming a document that
    is not in the dossier is refused whole (nothing moves, nothing is announced)."""
    a, b = (await take(deps, dossier, "a.pdf", "b.pdf")).documents
    with pytest.raises(NotFound):
        await sending.send(deps, dossier.dossier_id, [a.id, uuid.uuid4()])
    assert memory.documents.rows[a.id].status == "mailbox" and received(memory) == []
    sent = await sending.send(deps, dossier.dossier_id, [a.id, b.id, a.id])
    await sending.send(deps, dossier.dossier_id, [a.id])
    assert [d.status for d in sent] == ["processing", "processing"]
    assert sorted(e.document_id for e in received(memory)) == sorted([a.id, b.id])
    with pytest.raises(NotFound):
        await sending.send(deps, uuid.uuid4(), [a.id])  # another dossier's id is unknown


async def test_edits_follow_the_mailbox_rules(deps, memory, dossier):
    """ING-5: labels and notes on any document; rename, move and delete only in a mailbox."""
    doc = (await take(deps, dossier, "scan.pdf")).documents[0]
    edited = await editing.edit(deps, dossier.dossier_id, doc.id,
                                {"labels": [" rent ", "rent", "q1"], "note": "  call back ", "filename": "a/b.pdf",
                                 "mailbox": "misc"})
    assert (edited.labels, edited.note, edited.filename, edited.mailbox) == (("rent", "q1"), "call back", "b.pdf",
                                                                             "misc")
    with pytest.raises(InvalidSelection):
        await editing.edit(deps, dossier.dossier_id, doc.id, {"labels": [f"l{i}" for i in range(21)]})
    await sending.send(deps, dossier.dossier_id, [doc.id])
    with pytest.raises(Conflict):
        await editing.edit(deps, dossier.dossier_id, doc.id, {"filename": "late.pdf"})
    with pytest.raises(Conflict):
        await editing.delete(deps, dossier.dossier_id, doc.id)
    assert (await editing.edit(deps, dossier.dossier_id, doc.id, {"labels": ["done"]})).labels == ("done",)
    other = (await take(deps, dossier, "other.pdf")).documents[0]
    await editing.delete(deps, dossier.dossier_id, other.id)
    with pytest.raises(NotFound):
        await editing.content(deps, dossier.dossier_id, other.id)


async def test_proposal_booking_refusal_and_deletion_move_a_sent_document(deps, memory, dossier):
    """ING-9 / SYN-6 / issue 15 item 5: processed, refused (kept for the timeline), booked, no longer booked."""
    doc = (await take(deps, dossier, "inv.pdf", sender="a@supplier.be")).documents[0]
    proposal = example_events()["proposal.created"].model_copy(update={"document_id": doc.id, "occurred_at": AT})

    def synced(action: str, outcome: str = "succeeded") -> BookingRecorded:
        return BookingRecorded(correlation_id="t", office_id=dossier.office_id, dossier_id=dossier.dossier_id,
                               action=action, outcome=outcome, accounting_software="tryton", document_id=doc.id,
                               error_code=None if outcome == "succeeded" else "period_closed", proposal_id=uuid.uuid4())
    states = []
    for step in (proposal, synced("posted", "failed"), synced("posted"), synced("deleted", "failed"),
                 synced("deleted")):
        async with memory as uow:
            await (proposal_created(uow, step) if step is proposal else booking_recorded(uow, step))
        row = memory.documents.rows[doc.id]
        states.append((row.status, row.refusal_code, row.booked_at is not None))
    assert states == [("processed", None, False), ("processed", "period_closed", False), ("booked", None, True),
                      ("booked", None, True), ("processed", None, False)]
    assert memory.documents.rows[doc.id].processed_at == AT


async def test_reprocess_republishes_sent_documents_of_the_dossier_only(deps, memory, dossier):
    """WL-13: back in processing with document.received under the request's id-derived event id; a mailbox
    document or another dossier's is skipped."""
    sent, kept = (await take(deps, dossier, "a.pdf", "b.pdf")).documents
    await sending.send(deps, dossier.dossier_id, [sent.id])
    request = DocumentReprocessRequested(correlation_id="req-1", office_id=dossier.office_id,
                                         dossier_id=dossier.dossier_id, request_id=uuid.uuid4(),
                                         document_ids=(sent.id, kept.id, sent.id))
    before = len(received(memory))
    async with memory as uow:
        await reprocess(uow, request)
    again = received(memory)[before:]
    assert [(e.document_id, e.event_id, e.correlation_id) for e in again] == \
        [(sent.id, reprocess_event_id(request.request_id, sent.id), "req-1")]
    foreign = request.model_copy(update={"dossier_id": uuid.uuid4()})
    async with memory as uow:
        await reprocess(uow, foreign)
    assert len(received(memory)) == before + 1
