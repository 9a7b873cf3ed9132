"""Totals no sale has (REC-3, issue 14): a gross not above its positive VAT, or a net of zero or below beside it,
give way to the VAT summary's total row (net and tax) — an OCR'd tax invoice whose summary's tax column was taken
for the gross. Synthetic pages; the finders see them as `python -m recognition extract` does."""
from decimal import Decimal

from recognition.domain.model import Found
from recognition.domain.reader import read_invoice
from recognition.domain.totals_sanity import impossible
from recognition_testkit import till_slip

SUMMARY = ["TAX SUMMARY  AMT  TAX", "SR 6%  105.57  6.33", "ZR 0%  0.00  0.00", "TOTAL  105.57  6.33"]


def _found(value: str) -> Found[Decimal]:
    return Found(Decimal(value), 0.7, None)


def test_a_gross_not_above_its_vat_or_a_net_at_zero_is_impossible():
    assert impossible(_found("0.00"), _found("6.33"), _found("6.33"))
    assert impossible(None, _found("73.67"), _found("4.43"))
    assert not impossible(_found("105.57"), _found("6.33"), _found("111.90"))
    assert not impossible(_found("-10.00"), _found("-2.10"), _found("-12.10"))  # a credit note's negative totals
    assert not impossible(None, None, _found("5.00"))


def test_an_invoice_whose_summary_tax_was_read_as_its_gross_takes_the_summary_row():
    doc = till_slip(["ACME TRADING SDN BHD", "TAX INVOICE", "INV NO: K074-001096", "Tax amount: 6.33", *SUMMARY])
    invoice = read_invoice(doc)
    assert invoice.total_incl_vat.value == Decimal("111.90")
    assert (invoice.total_excl_vat.value, invoice.total_vat.value) == (Decimal("105.57"), Decimal("6.33"))
    assert invoice.total_incl_vat.confidence < 0.9 and invoice.totals_consistent is True


def test_possible_totals_are_kept_beside_a_summary():
    doc = till_slip(["ACME TRADING SDN BHD", "TAX INVOICE", "Total excl. tax  105.57", "Tax 6%  6.33",
                     "Total incl. tax  111.90", *SUMMARY[:2]])
    invoice = read_invoice(doc)
    assert invoice.total_incl_vat.value == Decimal("111.90") and invoice.total_incl_vat.confidence > 0.55


def test_a_text_layer_is_read_as_printed():
    """A born-digital page's totals are not second-guessed by its summary (no OCR lost a column there)."""
    rows = ["ACME TRADING SDN BHD", "TAX INVOICE", "INV NO: K074-001096", "Tax amount: 6.33", *SUMMARY]
    assert read_invoice(till_slip(rows, method="pdf_text")).total_incl_vat.value != Decimal("111.90")
