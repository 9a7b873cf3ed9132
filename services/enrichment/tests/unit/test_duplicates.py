"""ENR-5: duplicates by seller and normalised invoice number, by seller+amount+date, or by file — across
channels — and against the booking history; released when a proposal is withdrawn."""
from __future__ import annotations

import uuid
from datetime import date

from contracts.events.common import Actor
from contracts.events.proposals import ProposalWithdrawn
from enrichment.adapters.memory import MemoryReplica
from enrichment.domain.duplicates import normalise_number
from enrichment.handlers import propose, replicate
from enrichment_testkit import OFFICE, booking, dossier_changed, invoice, master, party, recognized, supplier, synced


async def world():
    r, d = MemoryReplica(), uuid.uuid4()
    await replicate.apply_dossier(r, dossier_changed(d))
    await replicate.apply_ledger(r, synced(d, master(counterparties=(
        supplier("P1", "Proximus NV", "BE0202239951"), supplier("P2", "Brico SA", "BE0448134627")))))
    return r, d


def dup(p):
    return [w for w in p.warnings if w.code == "duplicate"]


def test_invoice_numbers_are_normalised():
    assert normalise_number("INV-000123 ") == normalise_number("inv 123") == "INV123"
    assert normalise_number("2025/0012") == "202512"
    assert normalise_number("F 10") != normalise_number("F 100")


async def test_peppol_xml_and_pdf_of_the_same_invoice_are_duplicates():
    r, d = await world()
    xml = await propose.propose(r, recognized(invoice(seller=party("Proximus NV", "BE0202239951"), number="F-00042",
                                                      source="ubl"), dossier=d))
    pdf = await propose.propose(r, recognized(invoice(seller=party("PROXIMUS"), number="F 42", source="ocr"),
                                              dossier=d))
    assert dup(xml) == []
    [warning] = dup(pdf)
    assert warning.related_document_id == xml.document_id and "invoice number" in warning.message


async def test_same_seller_amount_and_date_is_a_duplicate_even_with_another_number():
    r, d = await world()
    first = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="A1"), dossier=d))
    second = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="B7"), dossier=d))
    assert [w.related_document_id for w in dup(second)] == [first.document_id]
    assert "amount and date" in dup(second)[0].message


async def test_same_file_is_a_duplicate():
    r, d = await world()
    first = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951")), dossier=d, sha="a" * 64))
    second = await propose.propose(r, recognized(invoice(seller=party(vat="BE0448134627"), number="X"), dossier=d,
                                                 sha="a" * 64))
    assert "same file" in dup(second)[0].message and dup(second)[0].related_document_id == first.document_id


async def test_other_seller_same_number_is_no_duplicate():
    r, d = await world()
    await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="F1"), dossier=d))
    other = await propose.propose(r, recognized(invoice(seller=party(vat="BE0448134627"), number="F1",
                                                        net="999.00"), dossier=d))
    assert dup(other) == []


async def test_an_invoice_already_in_the_booking_history_is_a_duplicate():
    r, d = await world()
    history = booking("MOVE-17", "P1", (("612000", "A21", "121.00"),), invoice_number="F-77", day=date(2025, 2, 3))
    await replicate.apply_ledger(r, synced(d, master(entries=(history,))))
    p = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="F77"), dossier=d))
    [warning] = dup(p)
    assert "booking MOVE-17" in warning.message and warning.related_document_id is None


async def test_a_withdrawn_proposal_no_longer_counts():
    r, d = await world()
    first = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="F1"), dossier=d))
    await replicate.withdraw(r, ProposalWithdrawn(correlation_id="t", office_id=OFFICE, dossier_id=d,
                                                  proposal_id=first.proposal_id, document_id=first.document_id,
                                                  withdrawn_by=Actor(kind="system")))
    again = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="F1"), dossier=d))
    assert dup(again) == []
