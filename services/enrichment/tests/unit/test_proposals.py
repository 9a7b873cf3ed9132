"""The propose use case on the in-memory replica: lines (ENR-2), journal/period (ENR-3), number (ENR-4),
currency (REC-3), status and reasons (WL-3)."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from contracts.events.dossiers import SchemaEntry, VatCodeException
from enrichment.domain.model import ExchangeRate
from enrichment.handlers import propose, replicate
from enrichment_memory import MemoryReplica
from enrichment_testkit import (dossier_changed, invoice, master, party, periods, recognized, supplier, synced)

SUPPLIERS = (supplier("P1", "Proximus NV", "BE0202239951", ("BE45310162131189",)),
             supplier("DE1", "Schmidt GmbH", "DE129273398", country="DE"),
             supplier("D0", "Divers", None))


async def world(**settings) -> tuple[MemoryReplica, uuid.UUID]:
    r, d = MemoryReplica(), uuid.uuid4()
    await replicate.apply_dossier(r, dossier_changed(d, **settings))
    await replicate.apply_ledger(r, synced(d, master(counterparties=SUPPLIERS)))
    return r, d


PROX = party("Proximus NV", "BE0202239951", "BE45310162131189")


async def test_known_supplier_without_history_goes_to_suspense_visibly():
    r, d = await world()
    p = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))
    line = p.lines[0]
    assert (line.account, line.suspense, line.vat_code) == ("499000", True, "A21")
    assert any(w.code == "suspense_account" for w in p.warnings)
    assert p.status == "complete" and p.counterparty.reference == "P1"
    assert p.field_confidence["lines.1.account"] == 0.0


async def test_office_schema_words_give_an_account():
    r, d = await world(office_schema=(SchemaEntry(account="612000", description="Telecom, internet, mobile"),))
    p = await propose.propose(r, recognized(invoice(seller=PROX, descriptions=("Mobile subscription",)), dossier=d))
    assert (p.lines[0].account, p.lines[0].suspense) == ("612000", False)
    assert 0 < p.field_confidence["lines.1.account"] < 0.8


async def test_one_line_per_vat_rate_with_eur_amounts():
    r, d = await world()
    inv = invoice(seller=PROX, rates=(("21", "100.00"), ("6", "50.00")))
    p = await propose.propose(r, recognized(inv, dossier=d))
    assert [(x.vat_rate, x.net_amount, x.vat_amount, x.vat_code) for x in p.lines] == [
        (Decimal("21"), Decimal("100.00"), Decimal("21.00"), "A21"), (Decimal("6"), Decimal("50.00"),
                                                                     Decimal("3.00"), "A6")]
    assert (p.totals.net, p.totals.vat, p.totals.gross) == (Decimal("150.00"), Decimal("24.00"), Decimal("174.00"))


async def test_intra_community_purchase_gets_the_reverse_charge_code():
    r, d = await world()
    p = await propose.propose(r, recognized(invoice(seller=party("Schmidt GmbH", "DE129273398"), rate="0"),
                                            dossier=d))
    assert p.counterparty.reference == "DE1" and p.lines[0].vat_code == "ICG"


async def test_vat_exception_of_the_dossier_is_used():
    r, d = await world(vat_code_exceptions=(VatCodeException(code="A21X", rate="21", journal_type="purchases"),))
    p = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))
    assert p.lines[0].vat_code == "A21X"


async def test_vat_exempt_dossier_books_purchase_vat_with_the_cost():
    r, d = await world(vat_exempt=True)
    p = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))
    line = p.lines[0]
    assert (line.vat_code, line.net_amount, line.vat_amount) == (None, Decimal("121.00"), Decimal("0.00"))
    assert p.status == "complete", "no VAT code on purpose is not a missing field"


async def test_foreign_currency_converted_at_the_rate_of_the_invoice_date():
    r, d = await world()
    await r.save_rates([ExchangeRate("USD", date(2025, 3, 14), Decimal("1.0850"), "ECB reference rate of 2025-03-14")])
    inv = invoice(seller=party("Acme Inc", "GB123456789", country="US"), currency="USD", rate="0", net="108.50",
                  day=date(2025, 3, 16))  # a Sunday: Friday's rate
    p = await propose.propose(r, recognized(inv, dossier=d))
    assert p.lines[0].net_amount == Decimal("100.00") and p.totals.gross == Decimal("100.00")
    assert p.foreign.currency == "USD" and p.foreign.gross == Decimal("108.50")
    assert p.foreign.exchange_rate == Decimal("0.921659")
    assert p.foreign.rate_date == date(2025, 3, 14) and "ECB" in p.foreign.rate_source


async def test_foreign_currency_without_a_rate_is_incomplete_not_silently_wrong():
    r, d = await world()
    inv = invoice(seller=PROX, currency="CHF")
    p = await propose.propose(r, recognized(inv, dossier=d))
    assert p.status == "incomplete" and "no exchange rate for CHF" in p.reasons
    assert any(w.code == "exchange_rate_unknown" for w in p.warnings) and p.foreign is None


async def test_credit_note_goes_to_the_credit_note_journal():
    r, d = await world()
    p = await propose.propose(r, recognized(invoice(seller=PROX, kind="credit_note"), dossier=d))
    assert (p.journal.code, p.document_kind, p.document_number) == ("ACN", "credit_note", "ACN/2025/0001")


async def test_sales_invoice_goes_to_the_sales_journal_with_the_buyer_as_counterparty():
    r, d = await world()
    inv = invoice(seller=party("Dossier BV", "BE0403170701"), buyer=party("Client NV", "BE0417497106"),
                  dossier_party="seller")
    p = await propose.propose(r, recognized(inv, dossier=d, mailbox=None))
    assert (p.journal.code, p.counterparty.status, p.counterparty.name) == ("VEN", "new", "Client NV")
    assert p.lines[0].vat_code == "V21" and p.status == "complete_new_counterparty"


async def test_numbers_follow_the_journal_and_are_never_handed_out_twice():
    r, d = await world()
    numbers = [(await propose.propose(r, recognized(invoice(seller=PROX, number=f"N{i}"), dossier=d))).document_number
               for i in range(3)]
    assert numbers == ["ACH/2025/0007", "ACH/2025/0008", "ACH/2025/0009"]
    # the accounting software later reports a higher next number: the counter jumps, never back
    ach = master().journals[0].model_copy(update={"next_number": 20})
    await replicate.apply_ledger(r, synced(d, master(journals=(ach,))))
    later = await propose.propose(r, recognized(invoice(seller=PROX, number="N9"), dossier=d))
    assert later.document_number == "ACH/2025/0020"
    stale = ach.model_copy(update={"next_number": 5})
    await replicate.apply_ledger(r, synced(d, master(journals=(stale,))))
    after = await propose.propose(r, recognized(invoice(seller=PROX, number="N10"), dossier=d))
    assert after.document_number == "ACH/2025/0021"


async def test_closed_period_gives_the_next_open_one_with_a_warning():
    r, d = await world()
    await replicate.apply_ledger(r, synced(d, master(periods=periods(closed_until=3))))
    p = await propose.propose(r, recognized(invoice(seller=PROX, day=date(2025, 3, 14)), dossier=d))
    assert p.period.code == "2025-04"
    warning = next(w for w in p.warnings if w.code == "date_outside_period")
    assert "2025-03-14" in warning.message and "closed" in warning.message


async def test_missing_number_and_unknown_counterparty_make_it_incomplete_with_reasons():
    r, d = await world(default_counterparty="D0")
    inv = invoice(seller=party(), number=None)
    p = await propose.propose(r, recognized(inv, dossier=d, status="incomplete"))
    assert p.status == "incomplete"
    assert set(p.reasons) == {"counterparty not recognised", "invoice number missing"}
    assert (p.counterparty.status, p.counterparty.reference) == ("default", "D0")


@pytest.mark.parametrize("status, error, expected", [("technical_error", "PDF is encrypted", "technical_error"),
                                                     ("unrecognized", None, "unrecognized")])
async def test_unreadable_documents_still_get_a_proposal(status, error, expected):
    r, d = await world()
    p = await propose.propose(r, recognized(None, dossier=d, status=status, error=error))
    assert p.status == expected and p.lines == () and p.journal.code == "ACH"
    assert p.reasons == ((error,) if error else ("none of the mandatory fields was recognised",))
    assert p.mailbox == "purchases" and p.words_key and p.page_count == 1


async def test_one_proposal_per_document_superseded_by_a_new_recognition_until_withdrawn():
    r, d = await world()
    unread = recognized(None, dossier=d, status="technical_error", error="timeout")
    first = await propose.propose(r, unread)
    assert first.status == "technical_error" and first.document_number is None
    assert await propose.propose(r, unread) is None, "the same recognition again changes nothing"
    better = recognized(invoice(seller=PROX), dossier=d, document_id=unread.document_id)
    second = await propose.propose(r, better)
    assert (second.proposal_id, second.status) == (first.proposal_id, "complete"), "superseded, same id"
    worse = recognized(None, dossier=d, status="technical_error", document_id=unread.document_id)
    assert await propose.propose(r, worse) is None, "a worse reading never replaces a better one"
    again = await propose.propose(r, recognized(invoice(seller=PROX, net="90.00"), dossier=d,
                                                document_id=unread.document_id))
    assert again.proposal_id == first.proposal_id and again.document_number == second.document_number
    assert not [w for w in again.warnings if w.code == "duplicate"], "not a duplicate of itself"
    from contracts.events.common import Actor
    from contracts.events.proposals import ProposalWithdrawn
    from enrichment_testkit import OFFICE
    await replicate.withdraw(r, ProposalWithdrawn(correlation_id="t", office_id=OFFICE, dossier_id=d,
                                                  proposal_id=first.proposal_id, document_id=unread.document_id,
                                                  withdrawn_by=Actor(kind="system")))
    fresh = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d, document_id=unread.document_id))
    assert fresh.proposal_id != first.proposal_id and fresh.document_number != second.document_number


async def test_without_mailbox_or_dossier_party_the_keywords_say_it_is_a_sale():
    r, d = await world(keywords=("Dossier",))
    inv = invoice(seller=party("Dossier BV"), buyer=party("Client NV", "BE0417497106"), dossier_party=None)
    event = recognized(inv.model_copy(update={"dossier_party": None}), dossier=d, mailbox=None)
    p = await propose.propose(r, event)
    assert (p.journal.type, p.counterparty.name) == ("sales", "Client NV")
    other = await propose.propose(r, recognized(invoice(seller=party("Leverancier BV"), dossier_party=None)
                                                .model_copy(update={"dossier_party": None}), dossier=d, mailbox=None))
    assert other.journal.type == "purchases"


async def test_no_journals_or_periods_known_still_gives_a_proposal_saying_so():
    r, d = MemoryReplica(), uuid.uuid4()
    p = await propose.propose(r, recognized(invoice(seller=PROX, day=date(2025, 2, 10)), dossier=d))
    assert (p.journal.code, p.period.code) == ("ACH", "2025-02")
    assert {"journal_unknown", "period_unknown"} <= {w.code for w in p.warnings}
    assert p.document_number == "1", "no number format: the plain sequence"


async def test_a_bad_number_format_gives_a_plain_number_and_a_warning():
    r, d = await world()
    bad = master().journals[0].model_copy(update={"number_format": "ACH/{seq.__class__}"})
    await replicate.apply_ledger(r, synced(d, master(journals=(bad,))))
    p = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))
    assert p.document_number == "7" and any(w.code == "number_format" for w in p.warnings)


async def test_master_data_deletions_and_failed_syncs():
    r, d = await world()
    from contracts.events.ledger import DeletedRecord, MasterData
    await replicate.apply_ledger(r, synced(d, MasterData(deleted=(DeletedRecord(kind="counterparties",
                                                                                reference="P1"),))))
    p = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))
    assert p.counterparty.status == "new", "a deleted party is no longer matched"
    failed = synced(d, master(counterparties=SUPPLIERS)).model_copy(update={"outcome": "failed"})
    await replicate.apply_ledger(r, failed)
    again = await propose.propose(r, recognized(invoice(seller=PROX, number="2"), dossier=d))
    assert again.counterparty.status == "new", "a failed sync changes nothing"


async def test_misc_mailbox_documents_are_left_to_the_worklist():
    """WL-12: the worklist files misc documents from document.received; a booking proposal would double them."""
    r, d = await world()
    assert await propose.propose(r, recognized(invoice(seller=PROX), dossier=d, mailbox="misc")) is None


async def test_without_breakdown_lines_are_grouped_by_rate_else_the_totals_give_one_line():
    from contracts.events.recognition import RecognizedLine
    r, d = await world()
    inv = invoice(seller=PROX, rate=None).model_copy(update={"vat_breakdown": (), "lines": (
        RecognizedLine(description="Phone", net_amount=Decimal("80.00"), vat_rate=Decimal("21"), confidence=0.9),
        RecognizedLine(description="Case", net_amount=Decimal("20.00"), vat_rate=Decimal("21"), confidence=0.9),
        RecognizedLine(description="Book", net_amount=Decimal("10.00"), vat_rate=Decimal("6"), confidence=0.9))})
    p = await propose.propose(r, recognized(inv, dossier=d))
    assert [(x.vat_rate, x.net_amount, x.vat_amount, x.description) for x in p.lines] == [
        (Decimal("6"), Decimal("10.00"), Decimal("0.60"), "Book"),
        (Decimal("21"), Decimal("100.00"), Decimal("21.00"), "Phone; Case")]
    totals_only = invoice(seller=PROX, net="200.00").model_copy(update={"vat_breakdown": ()})
    q = await propose.propose(r, recognized(totals_only, dossier=d))
    assert [(x.vat_rate, x.net_amount, x.vat_amount) for x in q.lines] == [
        (Decimal("21"), Decimal("200.00"), Decimal("42.00"))]


async def test_lines_that_do_not_add_up_to_the_total_are_flagged():
    r, d = await world()
    inv = invoice(seller=PROX)
    wrong = inv.model_copy(update={"total_incl_vat": inv.total_incl_vat.model_copy(update={"value": Decimal("150.00")})})
    p = await propose.propose(r, recognized(wrong, dossier=d))
    assert any(w.code == "totals_mismatch" and "121.00" in w.message and "150.00" in w.message for w in p.warnings)


async def test_without_mailbox_or_dossier_party_the_dossier_vat_number_as_seller_makes_it_a_sale():
    r, d = await world()  # the dossier's VAT number comes with dossier.changed
    inv = invoice(seller=party("Some Trading Name", "BE0403170701"), buyer=party("Client NV", "BE0417497106"))
    p = await propose.propose(r, recognized(inv.model_copy(update={"dossier_party": None}), dossier=d, mailbox=None))
    assert (p.journal.type, p.counterparty.name) == ("sales", "Client NV")


async def test_the_e_invoice_verdict_goes_with_the_proposal():
    """Issue 19 item 5: the XSD/schematron verdict of a structured e-invoice (document.recognized
    invoice.validation) is handed to the worklist with the proposal; a PDF reading has none."""
    from contracts.events.recognition import StructuredValidation
    r, d = await world()
    verdict = StructuredValidation(valid=True, warnings=("BR-CL-23",), rulesets=("UBL-XSD", "EN16931-UBL"))
    ubl = invoice(seller=PROX, source="ubl").model_copy(update={"validation": verdict})
    assert (await propose.propose(r, recognized(ubl, dossier=d))).e_invoice_check == verdict
    assert (await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))).e_invoice_check is None


async def test_the_searchable_pdf_of_a_scan_goes_with_the_proposal():
    """Issue 19 item 5 (REC-1): the worklist offers the scan's searchable PDF; enrichment hands its key on."""
    r, d = await world()
    scan = recognized(invoice(seller=PROX, source="ocr"), dossier=d).model_copy(
        update={"searchable_pdf_key": "searchable/abc.pdf"})
    assert (await propose.propose(r, scan)).searchable_pdf_key == "searchable/abc.pdf"
