"""A receipt's total: the amount paid, read from the totals labels of a till slip and checked by the payment lines.

On a receipt the prices include VAT and the slip ends with the amount to pay: 'TOTAL', 'Total rounded', 'Amt due',
'Te betalen', 'Summe'. Candidates are the amounts on (or just below) a line with such a label; a subtotal, tax,
quantity, discount or saving on the line rules it out, and so does a second amount after the label (a row of a VAT
summary). What confirms one: cash tendered minus change given, a card payment of the same amount, the same amount
printed again elsewhere (a labelled total one character away from cash minus change, and read less surely than
those, was misread: the payment's amount is taken); the largest of the labelled amounts is preferred (a total is
never below what is left of it), and a rounding adjustment right below a total makes the rounded amount the one
paid. When no label was read, cash tendered minus change is the total (less sure when that amount is printed
nowhere else). No template: label words and arithmetic only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from recognition.domain.labels import labels
from recognition.domain.layout import TextDocument
from recognition.domain.model import Evidence, Found
from recognition.domain.ocr_repairs import one_edit
from recognition.domain.receipt_amounts import Amount, cents_lost, receipt_amounts
from recognition.domain.search import folded
from recognition.domain.totals_basics import CENT

_OCR_TOTAL = "[tli1][o0][tli1][a4][li1|]"  # 'total' as OCR reads it on a slip: 'iotal', 'tota1', 'TOTAI'
_EXTRA_TOTAL_WORDS = ("total rounded", "rounded total", "total amt", "amt due", "amount due", "total sales",
                      "net total", "nett total", "total payable", "grand total", "total incl", "total inclusive",
                      "net amt", "nett amt", "jumlah", "totaal", "summe", "bedrag", "montant", "a payer", "te betalen",
                      "zu zahlen")
_TOTAL = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w in sorted(
    set(labels("total_incl_vat")) | set(_EXTRA_TOTAL_WORDS), key=len, reverse=True)).replace("total", _OCR_TOTAL)
    + r")(?![a-z])")
_FINAL = re.compile(r"(?<![a-z])(round\w*|nett?|grand|due|payable|a payer|te betalen|zu zahlen|incl\w*|with)(?![a-z])")
_NOT_GROSS = re.compile(r"(?<![a-z])(sub\s?-?\s?total\w*|subtotaal|zwischensumme|sous-total|sous total|tax|gst|vat|"
                        r"tva|btw|mwst|ust|qty|quantity|items?|count|saving\w*|disc\w*|rabatt|korting|remise|points?|"
                        r"excl\w*|ex|before|hors|cash|change|tendered|rounding|adj\w*|deposit|tip|service|"
                        r"balance|weight|kg|unit)(?![a-z])")
_INCLUSIVE = re.compile(r"(?<![a-z])(incl\w*|inclusive|with|ttc|tvac|inkl\w*)(?![a-z])")
_TENDERED = re.compile(r"(?<![a-z])(cash|tendered|tunai|bayar|especes?|contant|bar|paid|received)(?![a-z])")
_CHANGE = re.compile(r"(?<![a-z])(change|kembali|baki|rendu|ruckgeld|wisselgeld|retour)(?![a-z])")
_CARD = re.compile(r"(?<![a-z])(card|visa|master\w*|maestro|debit|credit|bancontact|amex|payment|betaling|paiement|"
                   r"zahlung|girocard|payconiq)(?![a-z])")
_ROUNDING = re.compile(r"(?<![a-z])(round\w*|arrondi\w*|afronding|rundung|adj\w*)(?![a-z])")

LABELLED_CONFIDENCE = 0.75  # a total label alone (OCR may have misread the amount or the label)
CONFIRMED_CONFIDENCE = 0.88  # labelled and confirmed by the payment lines: sure, but never > 0.9 (no check digit)
LARGEST_BONUS = 0.15  # among labelled totals the largest is preferred: a total is never below what is left of it
MAX_ROUNDING = Decimal("0.05")  # cash rounding never moves a total further
CORRECTED_CONFIDENCE = 0.7  # a labelled total one character off cash minus change: the payment lines' amount
PAID_CONFIDENCE = 0.6  # no label read: cash tendered minus change, printed somewhere
UNPRINTED_CONFIDENCE = 0.5  # no label read: cash tendered minus change, printed nowhere


@dataclass
class _Candidate:
    amount: Amount
    line_index: int
    score: float
    lost_cents: bool = False

    @property
    def value(self) -> Decimal:
        return self.amount.value


def _labelled(doc: TextDocument, amounts: list[list[Amount]]) -> list[_Candidate]:
    """Amounts right of a total label (or on the line below, when the label's line has none)."""
    out = []
    for index, line in enumerate(doc.lines):
        text = folded(line)
        label = _TOTAL.search(text)
        if label is None:
            continue
        if _NOT_GROSS.search(re.sub(r"[^a-z -]+", " ", text)) and not _INCLUSIVE.search(text):
            continue
        score = 1.0 + (0.3 if _FINAL.search(text) else 0.0)
        after = [a for a in amounts[index] if a.start >= label.end() and a.value > 0]
        if len(after) > 1:
            continue  # 'Total  313.50  18.81': a summary row, not the amount paid
        if after:
            out.append(_Candidate(after[0], index, score - (0 if after[0].exact else 0.3)))
        elif (lost := cents_lost(line, label.end())) is not None:
            out.append(_Candidate(lost, index, score - 0.6, lost_cents=True))
        elif index + 1 < len(doc.lines) and not _TOTAL.search(folded(doc.lines[index + 1])):
            below = [a for a in amounts[index + 1] if a.value > 0]
            if len(below) == 1:
                out.append(_Candidate(below[0], index + 1, score - 0.2 - (0 if below[0].exact else 0.3)))
    return out


@dataclass
class _Payments:
    """What the payment lines say the customer paid: cash tendered minus change given (the cash itself when no
    change line is read) with the lowest OCR confidence of the amounts it comes from, card payments; and where
    the first payment line stands."""

    cash: dict[Decimal, float]
    card: set[Decimal]
    paid_only: bool
    first_line: int | None


def _payments(doc: TextDocument, amounts: list[list[Amount]]) -> _Payments:
    paid, change, card, first = [], [], set(), None
    for index, line in enumerate(doc.lines):
        text = folded(line)
        if not amounts[index]:
            continue
        last = amounts[index][-1]
        read = (abs(last.value), line.conf(last.start, last.end))
        if _CHANGE.search(text):
            change.append(read)  # 'CHANGE  -  56.10': the sign is a dash of the layout
        elif _TENDERED.search(text):
            paid.append(read)
        elif _CARD.search(text) and not _TOTAL.search(text):
            card.add(last.value)
        else:
            continue
        first = index if first is None else first
    if not change:
        return _Payments(dict(paid), card, True, first)
    cash = {p - c: min(pc, cc) for p, pc in paid for c, cc in change if p > c >= 0}
    return _Payments(cash, card, False, first)


def _after_rounding(doc: TextDocument, amounts: list[list[Amount]], cand: _Candidate) -> _Candidate | None:
    """A rounding line within two lines below a total: the total plus the rounding is the amount paid, read
    below it, or else computed (a rounding of at most 5 cents, the rounded line being unreadable)."""
    for step in (1, 2):
        index = cand.line_index + step
        if index >= len(doc.lines) or not _ROUNDING.search(folded(doc.lines[index])):
            continue
        for rounding in (a for a in amounts[index] if a.value != 0):
            for below in range(index + 1, min(len(doc.lines), index + 3)):
                for amount in amounts[below]:
                    if abs(amount.value - (cand.value + rounding.value)) < CENT:
                        return _Candidate(amount, below, cand.score + 0.5)
            if abs(rounding.value) <= MAX_ROUNDING:
                computed = Amount(cand.value + rounding.value, rounding.start, rounding.end, False)
                return _Candidate(computed, index, cand.score + 0.2)
    return None


def receipt_total(doc: TextDocument, checked: Decimal | None = None) -> Found[Decimal] | None:
    """The amount paid (see the module's doc), or None when neither a total label nor the payment is read.
    `checked`: a gross the document's own net + VAT add up to (the invoice finders'), a confirmation too."""
    amounts = [receipt_amounts(line) for line in doc.lines]
    pay = _payments(doc, amounts)
    printed: dict[Decimal, int] = {}
    for line_amounts in amounts:
        for amount in line_amounts:
            printed[amount.value] = printed.get(amount.value, 0) + 1

    def confirmed(value: Decimal) -> bool:
        return value in pay.cash or value in pay.card or value == checked

    cands = [c for c in _labelled(doc, amounts)
             if not c.lost_cents or confirmed(c.value) or printed.get(c.value, 0) > 0]
    cands += [r for c in cands if not c.lost_cents and (r := _after_rounding(doc, amounts, c)) is not None]
    if not cands:
        return _paid(doc, amounts, pay.cash, pay.paid_only, printed)
    largest = max(c.value for c in cands)
    best, best_key = None, None
    for cand in cands:
        score = cand.score + (1.0 if confirmed(cand.value) else 0.0) + 0.2 * min(printed.get(cand.value, 0), 2)
        score += LARGEST_BONUS if cand.value == largest else 0.0
        if pay.first_line is not None and cand.line_index > pay.first_line + 1:
            score -= 0.5  # below the payment: a VAT summary's or a footer's total
        key = (round(score, 3), cand.value)
        if best_key is None or key > best_key:
            best, best_key = cand, key
    line = doc.lines[best.line_index]
    if not confirmed(best.value) and not pay.paid_only and len(pay.cash) == 1:
        (paid, paid_conf), = pay.cash.items()  # 'TOTAL 18.60' (read unsure), cash 50.00, change 31.20
        if _one_character_off(best.value, paid) and line.conf(best.amount.start, best.amount.end) < paid_conf:
            return Found(paid, CORRECTED_CONFIDENCE, line.evidence(doc.method, best.amount.start, best.amount.end))
    conf = CONFIRMED_CONFIDENCE if confirmed(best.value) else LABELLED_CONFIDENCE
    if not best.amount.exact:
        conf -= 0.1
    conf *= 0.9 + 0.1 * line.conf(best.amount.start, best.amount.end)
    return Found(best.value, round(conf, 3), line.evidence(doc.method, best.amount.start, best.amount.end))


def _one_character_off(a: Decimal, b: Decimal) -> bool:
    return one_edit(f"{a:.2f}".replace(".", ""), f"{b:.2f}".replace(".", ""))


def _paid(doc: TextDocument, amounts: list[list[Amount]], cash: set[Decimal], paid_only: bool,
          printed: dict[Decimal, int]) -> Found[Decimal] | None:
    """No total label read: cash tendered minus change, when the payment lines give one amount; surer when that
    amount is printed elsewhere on the slip (a cash amount without a change line must be)."""
    if len(cash) != 1:
        return None
    (value,) = cash
    elsewhere = printed.get(value, 0) > (1 if paid_only else 0)
    if paid_only and not elsewhere:
        return None
    for index, line_amounts in reversed(list(enumerate(amounts))):
        for amount in line_amounts:
            if amount.value == value:
                line = doc.lines[index]
                return Found(value, PAID_CONFIDENCE, line.evidence(doc.method, amount.start, amount.end))
    return Found(value, UNPRINTED_CONFIDENCE, Evidence("derived"))
