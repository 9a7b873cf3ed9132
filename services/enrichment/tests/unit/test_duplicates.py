"""ENR-5: duplicates by seller and normalised invoice number, by seller+amount+date, or by file — across
channels — and against the booking history; released when a proposal is withdrawn."""
from __future__ import annotations

import uuid
from datetime import date

from contracts.events.common import Actor
from contracts.events.proposals import ProposalWithdrawn
from enrichment.domain.duplicates import normalise_number
from enrichment.handlers import propose, replicate
from enrichment_memory import MemoryReplica
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


async def test_the_same_invoice_as_pdf_and_as_photo_is_a_duplicate_whatever_the_seller_was_read_as():
    """ENR-5 (issue 15 item 9): the AWS invoice uploaded as a PDF and as a PNG — the photo's OCR read the seller
    otherwise (no VAT number, another name) and the date month-first; same invoice number and total."""
    r, d = await world()
    aws = party("Amazon Web Services EMEA SARL", "LU26888617", country="LU")
    pdf = await propose.propose(r, recognized(invoice(seller=aws, number="EUINBE25-1234567", net="84.30",
                                                      day=date(2025, 3, 4)), dossier=d))
    png = await propose.propose(r, recognized(invoice(seller=party("aws"), number="EUINBE25 1234567", net="84.30",
                                                      day=date(2025, 4, 3), source="ocr"), dossier=d))
    assert dup(pdf) == []
    [warning] = dup(png)
    assert warning.related_document_id == pdf.document_id and "invoice number and total" in warning.message
    unread = await propose.propose(r, recognized(invoice(seller=party(), number="EUINBE25-1234567", net="84.30"),
                                                 dossier=d))
    assert {w.related_document_id for w in dup(unread)} == {pdf.document_id, png.document_id}, "no seller read at all"


async def test_same_number_with_another_total_or_a_short_number_is_no_duplicate_across_sellers():
    r, d = await world()
    await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="F-2025-88"), dossier=d))
    await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="12", net="50.00"), dossier=d))
    other_total = await propose.propose(r, recognized(invoice(seller=party("Other BV"), number="F-2025-88",
                                                              net="100.01"), dossier=d))
    short = await propose.propose(r, recognized(invoice(seller=party("Other BV"), number="12", net="50.00",
                                                        day=date(2025, 5, 2)), dossier=d))
    assert dup(other_total) == [] and dup(short) == []


async def test_a_proposal_names_at_most_ten_duplicates_and_counts_the_others():
    r, d = await world()
    earlier = [await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number=f"N{n:03}"),
                                                   dossier=d)) for n in range(14)]
    last = await propose.propose(r, recognized(invoice(seller=party(vat="BE0202239951"), number="N999"), dossier=d))
    named = [w.related_document_id for w in dup(last) if w.related_document_id is not None]
    assert len(named) == 10 and set(named) <= {p.document_id for p in earlier}
    assert dup(last)[-1].related_document_id is None and "4 more" in dup(last)[-1].message
