"""Receipts read as receipts: a till slip photographed or scanned gets its date, total and seller from the receipt
finders (`receipt_dates`, `receipt_total`, `receipt_seller`) instead of the invoice finders.

A document is taken for a receipt by its words: what a till prints (a cashier, cash tendered, change given, a
rounding adjustment, a greeting, a receipt title, a table or take-away, a card payment) in any of FR/NL/DE/EN (and
the Malay words of Malaysian slips), against what an invoice prints (a due date or payment terms, a bank account, a
customer block): one till cue and no invoice cue, or two more till cues than invoice cues. Only OCR'd documents: a
born-digital PDF keeps the invoice readers.
"""
from __future__ import annotations

import re

from recognition.domain.layout import TextDocument
from recognition.domain.model import Invoice
from recognition.domain.parsing import fold
from recognition.domain.receipt_dates import receipt_date
from recognition.domain.receipt_seller import receipt_seller
from recognition.domain.receipt_total import receipt_total
from recognition.domain.totals_basics import consistent

_CUES = {
    "cashier": r"cashier|caissier|caissiere|kassier\w*|kassierer\w*|operator|served by|counter|kasse",
    "cash": r"cash|tunai|especes?|contant|bar|tendered|gegeben|geg|gezahlt",
    "change": r"change|baki|kembali|rendu|a rendre|monnaie|wisselgeld|terug|ruckgeld|zuruck|retour",
    "rounding": r"rounding|round\w* adj\w*|arrondi|afronding|rundung",
    "greeting": r"thank you|thanks|terima kasih|merci|bedankt|dank u|danke|vielen dank|come again|tot ziens|au revoir|"
                r"a bientot|auf wiedersehen|welcome|bienvenue|welkom|willkommen",
    "title": r"receipt|cash bill|cash sales?|ticket|ticket de caisse|kassabon|kasticket|kassenbon|kassenbeleg|beleg|"
             r"quittung|bon n|bon-nr|bonnr",
    "table": r"table|pax|guests?|dine in|take ?away|emporter|afhalen",
    "card": r"visa|mastercard|master card|maestro|bancontact|debit card|credit card|girocard|payconiq|ec-karte|"
            r"ec karte|kartenzahlung|pin|pinnen|carte bancaire|cb",
}
_CUE_PATTERNS = {name: re.compile(r"(?<![a-z])(" + words + r")(?![a-z])") for name, words in _CUES.items()}
_INVOICE_CUES = {
    "due": r"due date|date d'echeance|echeance|vervaldatum|vervaldag|fallig\w*|zahlbar bis|payment terms|"
           r"conditions de paiement|betalingsvoorwaarden|zahlungsbedingungen",
    "bank": r"iban|bic|swift|bank|banque|rekening|konto",
    "buyer": r"bill to|billed to|invoice to|ship to|sold to|facture a|factuur aan|rechnung an|"
             r"rechnungsempfanger|customer no|client n|klantnummer|kundennummer",
}
_INVOICE_PATTERNS = [re.compile(r"(?<![a-z])(" + words + r")(?![a-z])") for words in _INVOICE_CUES.values()]


def is_receipt(doc: TextDocument) -> bool:
    """Whether an OCR'd document is a till slip (see the module's doc)."""
    if doc.method != "ocr":
        return False
    text = fold(doc.text)
    receipt = sum(bool(p.search(text)) for p in _CUE_PATTERNS.values())
    invoice = sum(bool(p.search(text)) for p in _INVOICE_PATTERNS)
    return receipt - invoice >= 2 or (receipt >= 1 and not invoice)


def read_receipt(doc: TextDocument, invoice: Invoice) -> None:
    """The receipt finders' date, total and seller in place of the invoice finders' when they find one."""
    if (found := receipt_date(doc)) is not None:
        invoice.issue_date = found
    checked = invoice.total_incl_vat.value if invoice.totals_consistent and invoice.total_incl_vat else None
    if (total := receipt_total(doc, checked)) is not None:
        if invoice.total_incl_vat is None or invoice.total_incl_vat.value != total.value:
            invoice.total_incl_vat = total
            net, vat = invoice.total_excl_vat, invoice.total_vat
            invoice.totals_consistent = None if net is None or vat is None else consistent(
                net.value, vat.value, total.value)
    if (seller := receipt_seller(doc)) is not None:
        invoice.seller.name = seller
