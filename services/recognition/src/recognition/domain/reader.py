"""Reads an invoice from words with boxes (PDF text layer or OCR): every finder, then the cross-checks."""
from __future__ import annotations

from decimal import Decimal

from recognition.domain.fields import (
    find_currency, find_dates, find_document_type, find_invoice_number, find_language, find_payment_reference,
)
from recognition.domain.layout import TextDocument
from recognition.domain.lines import find_lines
from recognition.domain.model import Found, Invoice
from recognition.domain.parties import find_parties
from recognition.domain.payment_terms import due_from_terms
from recognition.domain.receipt_reader import is_receipt, read_receipt
from recognition.domain.totals import find_breakdown, find_totals, infer_rate
from recognition.domain.totals_sanity import from_vat_summary


def read_invoice(doc: TextDocument) -> Invoice:
    """An Invoice from a TextDocument (which party is the dossier is settled afterwards: domain.dossier)."""
    invoice = Invoice(source="ocr" if doc.method == "ocr" else "pdf_text", page_count=doc.page_count)
    invoice.document_type = find_document_type(doc)
    invoice.language = find_language(doc)
    invoice.invoice_number = find_invoice_number(doc)
    invoice.issue_date, invoice.due_date = find_dates(doc)
    invoice.currency = find_currency(doc)
    net, vat, total, consistent = find_totals(doc)
    invoice.total_excl_vat, invoice.total_vat, invoice.total_incl_vat = net, vat, total
    invoice.totals_consistent = consistent
    from_vat_summary(doc, invoice)  # totals no sale has: the VAT summary's total row instead
    invoice.vat_breakdown = find_breakdown(doc) or infer_rate(net, vat)
    _check_breakdown(invoice)
    invoice.seller, invoice.buyer = find_parties(doc)
    invoice.payment_reference = find_payment_reference(doc)
    invoice.lines = find_lines(doc)
    if is_receipt(doc):
        read_receipt(doc, invoice)  # paid at the till: no terms
    elif invoice.due_date is None and invoice.issue_date is not None:
        invoice.due_date = due_from_terms(doc, invoice.issue_date)
    return invoice


def _check_breakdown(invoice: Invoice) -> None:
    """Raise confidence in the totals when the breakdown adds up to them; lower it when it does not."""
    rows = invoice.vat_breakdown
    if not rows or invoice.total_vat is None or any(r.vat is None for r in rows):
        return
    vat_sum = sum((r.vat for r in rows), Decimal(0))
    if abs(vat_sum - invoice.total_vat.value) <= Decimal("0.01"):
        if invoice.totals_consistent is None and invoice.total_vat.confidence < 0.9:
            invoice.total_vat = Found(invoice.total_vat.value, 0.9, invoice.total_vat.evidence)
    elif invoice.totals_consistent is not True:
        invoice.total_vat = invoice.total_vat.scaled(0.8)

