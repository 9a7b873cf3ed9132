"""Totals no invoice can have, and what the page's VAT summary says instead.

A gross not above its VAT (while the VAT is positive), or a net of zero or below beside a positive VAT, is no
sale's arithmetic: the finders took the tax column of a summary's total row for the gross ('TOTAL 105.57 6.33'
read as a gross of 6.33) or a mislabelled amount for the VAT. So is a gross below the net of the page's VAT
summary (`receipt_sums.below_summary`, as on till slips). The VAT summary's total row (net and tax, or net, tax
and gross: `receipt_sums.summary_totals`) then gives the three totals, unsurely. Language-independent: label
words of the four languages and arithmetic only.
"""
from __future__ import annotations

from decimal import Decimal

from recognition.domain.layout import TextDocument
from recognition.domain.model import Found, Invoice
from recognition.domain.receipt_amounts import receipt_amounts
from recognition.domain.receipt_sums import SUMMARY_CONFIDENCE, below_summary, summary_totals


def impossible(net: Found[Decimal] | None, vat: Found[Decimal] | None, gross: Found[Decimal] | None) -> bool:
    """Whether the totals read are no sale's: a positive VAT with a gross not above it or a net not above zero."""
    if vat is None or vat.value <= 0:
        return False
    return (gross is not None and gross.value <= vat.value) or (net is not None and net.value <= 0)


def from_vat_summary(doc: TextDocument, invoice: Invoice) -> bool:
    """The totals of the VAT summary's total row in place of impossible ones or of a gross below the summary's
    net (see the module), on OCR'd pages (where OCR loses a column or a label; a text layer's totals are read
    as printed); whether they were replaced."""
    if doc.method != "ocr":
        return False
    found = summary_totals(doc, _LazyAmounts(doc))
    if found is None:
        return False
    gross, net, tax = found
    total = invoice.total_incl_vat
    if not (impossible(invoice.total_excl_vat, invoice.total_vat, total)
            or total is not None and below_summary(total.value, gross)):
        return False
    invoice.total_incl_vat = gross
    invoice.total_excl_vat = Found(net, SUMMARY_CONFIDENCE, gross.evidence)
    invoice.total_vat = Found(tax, SUMMARY_CONFIDENCE, gross.evidence)
    invoice.totals_consistent = True
    return True


class _LazyAmounts:
    """The receipt amounts of a document's lines, read only for the lines asked for (the total rows)."""

    def __init__(self, doc: TextDocument) -> None:
        self._doc = doc
        self._read: dict[int, list] = {}

    def __getitem__(self, index: int) -> list:
        if index not in self._read:
            self._read[index] = receipt_amounts(self._doc.lines[index])
        return self._read[index]
