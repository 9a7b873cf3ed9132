"""A receipt's total: the amount paid, read from the totals labels of a till slip and checked by the payment lines.

On a receipt the prices include VAT and the slip ends with the amount to pay: 'TOTAL', 'Total rounded', 'Amt due',
'Te betalen', 'Summe'. Candidates are the amounts on (or just below) a line with such a label; a subtotal, tax,
quantity, discount or saving on the line rules it out, and so does a second amount after the label (a row of a VAT
summary). What confirms one: cash tendered minus change given, a card payment of the same amount, the same amount
printed again elsewhere (a labelled total one character away from cash minus change, and read less surely than
those, was misread: the payment's amount is taken); the largest of the labelled amounts is preferred (a total is
never below what is left of it), and a rounding adjustment right below a total makes the rounded amount the one
paid (as sure as the total it rounds, unless a payment gives the unrounded amount). Two pairs of label and amount
may share a line ('TOTAL SAVING: 0.00  TOTAL 6.85'): each label is judged on its own group. The slip's own sum
(`receipt_sums`: subtotal plus tax, and the rounding) confirms a total too, and replaces one OCR misread (one
character off the rounded sum, or the sum agreeing with the items above it), and so does the gross of the VAT
summary's total row ('Gesamt 4,46 0,31 4,77', 'TOTAL 105.57 6.33': `receipt_sums.summary_row`). When no label was
read, cash tendered minus change is the total (less sure when that amount is printed nowhere else), else that
summary's gross. No template: label words and arithmetic only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from recognition.domain.layout import TextDocument
from recognition.domain.model import Evidence, Found
from recognition.domain.ocr_repairs import one_edit
from recognition.domain.receipt_amounts import Amount, cents_lost, receipt_amounts
from recognition.domain.receipt_labels import (CARD, CHANGE, FINAL, NOT_GROSS, TENDERED, TOTAL, labelled_otherwise,
                                               paying, total_label)
from recognition.domain.receipt_sums import (MAX_ROUNDING, ROUNDING as _ROUNDING, SlipSum, below_summary, slip_sum,
                                             summary_row)
from recognition.domain.search import folded
from recognition.domain.totals_basics import CENT

LABELLED_CONFIDENCE = 0.75  # a total label alone (OCR may have misread the amount or the label)
CONFIRMED_CONFIDENCE = 0.88  # labelled and confirmed by the payment lines: sure, but never > 0.9 (no check digit)
LARGEST_BONUS = 0.15  # among labelled totals the largest is preferred: a total is never below what is left of it
CORRECTED_CONFIDENCE = 0.7  # a labelled total one character off cash minus change: the payment lines' amount
PAID_CONFIDENCE = 0.6  # no label read: cash tendered minus change, printed somewhere
UNPRINTED_CONFIDENCE = 0.5  # no label read: cash tendered minus change, printed nowhere
ONLY_AMOUNT_CONFIDENCE = 0.5  # no label and no payment read: the one amount on the slip


@dataclass
class _Candidate:
    amount: Amount
    line_index: int
    score: float
    lost_cents: bool = False
    rounded_from: Decimal | None = None  # the total above a rounding line this one is the rounding of

    @property
    def value(self) -> Decimal:
        return self.amount.value


def _labelled(doc: TextDocument, amounts: list[list[Amount]]) -> list[_Candidate]:
    """Amounts right of a total label (or on the line below, when the label's line has none)."""
    out = []
    for index, line in enumerate(doc.lines):
        if (found := total_label(folded(line), amounts[index])) is None:
            continue
        label, text = found
        score = 1.0 + (0.3 if FINAL.search(text) else 0.0)
        after = [a for a in amounts[index] if a.start >= label.end() and a.value > 0]
        if len(after) > 1:
            continue  # 'Total  313.50  18.81': a summary row, not the amount paid
        if after:
            out.append(_Candidate(after[0], index, score - (0 if after[0].exact else 0.3)))
        elif (lost := cents_lost(line, label.end())) is not None:
            out.append(_Candidate(lost, index, score - 0.6, lost_cents=True))
        elif index + 1 < len(doc.lines) and not labelled_otherwise(folded(doc.lines[index + 1])):
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
            if TENDERED.search(text) and (below := _amount_below(doc, amounts, index)) is not None:
                paid.append(below)  # 'CASH' and 'RM 170.00' on the line below it
                first = index if first is None else first
            continue
        last = amounts[index][-1]
        read = (abs(last.value), line.conf(last.start, last.end))
        if CHANGE.search(text):
            change.append(read)  # 'CHANGE  -  56.10': the sign is a dash of the layout
            if not paid and (above := _tender_above(doc, amounts, index)) is not None:
                paid.append(above)
                first = index - 1 if first is None else first
        elif TENDERED.search(text):
            paid.append(read)
        elif CARD.search(text) and not TOTAL.search(text):
            card.add(last.value)
        else:
            continue
        first = index if first is None else first
    if not change:
        return _Payments(dict(paid), card, True, first)
    cash = {p - c: min(pc, cc) for p, pc in paid for c, cc in change if p > c >= 0}
    return _Payments(cash, card, False, first)


def _amount_below(doc: TextDocument, amounts: list[list[Amount]], index: int) -> tuple[Decimal, float] | None:
    """The amount of a payment label alone on its line: the one amount of the next line, which holds no label."""
    if index + 1 >= len(doc.lines) or len(amounts[index + 1]) != 1:
        return None
    line = doc.lines[index + 1]
    if TOTAL.search(folded(line)) or CHANGE.search(folded(line)) or TENDERED.search(folded(line)):
        return None
    amount = amounts[index + 1][0]
    return abs(amount.value), line.conf(amount.start, amount.end)


def _tender_above(doc: TextDocument, amounts: list[list[Amount]], index: int) -> tuple[Decimal, float] | None:
    """The amount tendered when its label was misread ('Fay  20.00'): a till prints it on the line right above the
    change; one amount there, no total label. Its reading counts half as sure (its label was not read)."""
    if index == 0 or len(amounts[index - 1]) != 1 or TOTAL.search(folded(doc.lines[index - 1])):
        return None
    amount, line = amounts[index - 1][0], doc.lines[index - 1]
    return abs(amount.value), line.conf(amount.start, amount.end) / 2


def _after_rounding(doc: TextDocument, amounts: list[list[Amount]], cand: _Candidate) -> _Candidate | None:
    """A rounding line within two lines below a total: the total plus the rounding is the amount paid, read
    below it (the rounding's sign as printed or the other: OCR loses a minus or reads it '~'), or else computed
    (a rounding of at most 5 cents, the rounded line being unreadable)."""
    for step in (1, 2):
        index = cand.line_index + step
        if index >= len(doc.lines) or not _ROUNDING.search(folded(doc.lines[index])):
            continue
        for rounding in (a for a in amounts[index] if a.value != 0):
            for below in range(index + 1, min(len(doc.lines), index + 3)):
                for amount in amounts[below]:  # '~0.02': a minus OCR misread, the sign of a rounding is unsure
                    if min(abs(amount.value - (cand.value + r)) for r in (rounding.value, -rounding.value)) < CENT:
                        return _Candidate(amount, below, cand.score + 0.5, rounded_from=cand.value)
            if abs(rounding.value) <= MAX_ROUNDING:
                computed = Amount(cand.value + rounding.value, rounding.start, rounding.end, False)
                return _Candidate(computed, index, cand.score + 0.2, rounded_from=cand.value)
        if not any(a.value for a in amounts[index]) and (rounded := _rounded_below(doc, amounts, cand, index)):
            return rounded
    return None


def _rounded_below(doc: TextDocument, amounts: list[list[Amount]], cand: _Candidate, index: int) -> _Candidate | None:
    """A rounding line whose amount was not read: a total labelled on one of the two lines below it, at most 5
    cents from the total above and a whole multiple of 5 cents, is the rounded amount paid."""
    for below in range(index + 1, min(len(doc.lines), index + 3)):
        if (found := total_label(folded(doc.lines[below]), amounts[below])) is None:
            continue
        for amount in amounts[below]:
            if (amount.start >= found[0].end() and amount.value != cand.value
                    and abs(amount.value - cand.value) <= MAX_ROUNDING and amount.value % Decimal("0.05") == 0):
                return _Candidate(amount, below, cand.score + 0.5, rounded_from=cand.value)
    return None


def _around_rounding(doc: TextDocument, amounts: list[list[Amount]]) -> list[_Candidate]:
    """A rounding line with the same amount on the lines right above and below it: the total before and after
    rounding (their labels misread), a candidate as a labelled total is."""
    out = []
    for index in range(1, len(doc.lines) - 1):
        if not _ROUNDING.search(folded(doc.lines[index])):
            continue
        above, below = amounts[index - 1], amounts[index + 1]
        if len(above) == 1 and len(below) == 1 and above[0].value == below[0].value > 0:
            out.append(_Candidate(below[0], index + 1, 1.0))
    return out


def receipt_total(doc: TextDocument, checked: Decimal | None = None) -> Found[Decimal] | None:
    """The amount paid (see the module's doc), or None when neither a total label nor the payment is read.
    `checked`: a gross the document's own net + VAT add up to (the invoice finders'), a confirmation too."""
    amounts = [receipt_amounts(line) for line in doc.lines]
    pay = _payments(doc, amounts)
    printed: dict[Decimal, int] = {}
    for line_amounts in amounts:
        for amount in line_amounts:
            printed[abs(amount.value)] = printed.get(abs(amount.value), 0) + 1  # ' -  28.40': a dash of the layout

    sums = slip_sum(doc, amounts, lambda i: total_label(folded(doc.lines[i]), amounts[i]) is not None
                    or paying(folded(doc.lines[i])))

    summary = summary_row(doc, amounts)

    def confirmed(value: Decimal | None) -> bool:
        return value is not None and (value in pay.cash or value in pay.card or value == checked
                                      or sums is not None and value in (sums.gross, sums.rounded)
                                      or summary is not None and value == summary.value)

    def sure(cand: _Candidate) -> bool:
        """Confirmed, or the rounding of a confirmed total (the rounded amount is the one paid)."""
        return confirmed(cand.value) or (confirmed(cand.rounded_from) and not pay.cash and not pay.card)

    cands = [c for c in _labelled(doc, amounts) + _around_rounding(doc, amounts)
             if not c.lost_cents or confirmed(c.value) or printed.get(c.value, 0) > 0]
    cands += [r for c in cands if not c.lost_cents and (r := _after_rounding(doc, amounts, c)) is not None]
    if not cands:
        return (_paid(doc, amounts, pay, printed) or _only_amount(doc, amounts) or _summed(doc, amounts, sums)
                or summary)
    if not any(confirmed(c.value) or _above_payment(c, pay) and not c.lost_cents for c in cands):
        if (paid := _paid(doc, amounts, pay, printed)) is not None:
            return paid  # only a VAT summary's or a footer's total below the payment ('Tatal: 77.93')
    largest = max(c.value for c in cands)
    best, best_key = None, None
    for cand in cands:
        score = cand.score + (1.0 if sure(cand) else 0.0) + 0.2 * min(printed.get(cand.value, 0), 2)
        score += LARGEST_BONUS if cand.value == largest else 0.0
        if not _above_payment(cand, pay):
            score -= 0.5  # below the payment: a VAT summary's or a footer's total
        key = (round(score, 3), cand.value)
        if best_key is None or key > best_key:
            best, best_key = cand, key
    line = doc.lines[best.line_index]
    if not sure(best) and not pay.paid_only and len(pay.cash) == 1:
        (paid, paid_conf), = pay.cash.items()  # 'TOTAL 18.60' (read unsure), cash 50.00, change 31.20
        if _one_character_off(best.value, paid) and line.conf(best.amount.start, best.amount.end) < paid_conf:
            return Found(paid, CORRECTED_CONFIDENCE, line.evidence(doc.method, best.amount.start, best.amount.end))
    if not sure(best) and below_summary(best.value, summary):
        return summary  # 'TOTAL <4 8.68' over 'TOTAL: 144.68 8.68': the total's digits lost, the tax left
    if not sure(best) and (corrected := _summed(doc, amounts, sums, best.value)) is not None:
        return replace(corrected, evidence=line.evidence(doc.method, best.amount.start, best.amount.end))
    conf = CONFIRMED_CONFIDENCE if sure(best) else LABELLED_CONFIDENCE
    if not best.amount.exact:
        conf -= 0.1
    conf *= 0.9 + 0.1 * line.conf(best.amount.start, best.amount.end)
    return Found(best.value, round(conf, 3), line.evidence(doc.method, best.amount.start, best.amount.end))


def _one_character_off(a: Decimal, b: Decimal) -> bool:
    return one_edit(f"{a:.2f}".replace(".", ""), f"{b:.2f}".replace(".", ""))


def _above_payment(cand: _Candidate, pay: _Payments) -> bool:
    """Whether a labelled total stands above the payment lines (or right below the first), where the sale's total
    is printed; below them stand the VAT summary and the footer."""
    return pay.first_line is None or cand.line_index <= pay.first_line + 1


def _summed(doc: TextDocument, amounts: list[list[Amount]], sums: SlipSum | None,
            labelled: Decimal | None = None) -> Found[Decimal] | None:
    """The slip's own sum (`receipt_sums`) for a total whose amount OCR misread, or that no label gave: the
    subtotal plus tax made a 5-cent multiple by the rounding read, one character off the labelled amount
    ('NET TOTAL 61,85' after 64.00 + 3.84 + 0.01); or the subtotal plus tax equal to the sum of the item amounts
    above the subtotal (two sums that agree). Unsure: the payment lines did not confirm it."""
    if sums is None:
        return None
    if labelled is not None and sums.rounded is not None and _one_character_off(labelled, sums.rounded):
        return Found(sums.rounded, CORRECTED_CONFIDENCE, Evidence("derived"))
    if labelled != sums.gross and _items_sum(doc, amounts, sums.line_index) == sums.gross:
        return Found(sums.gross, CORRECTED_CONFIDENCE, Evidence("derived"))
    return None


def _items_sum(doc: TextDocument, amounts: list[list[Amount]], before: int | None) -> Decimal | None:
    """The sum of the last amount of every line above `before` that no total, tax or payment word labels (the
    items' amounts); None when there is none."""
    items = [line_amounts[-1].value for line, line_amounts in zip(doc.lines[:before], amounts[:before])
             if line_amounts and not TOTAL.search(folded(line))
             and not NOT_GROSS.search(re.sub(r"[^a-z -]+", " ", folded(line)))]
    return sum(items, Decimal(0)) if items else None


def _only_amount(doc: TextDocument, amounts: list[list[Amount]]) -> Found[Decimal] | None:
    """No total and no payment read: a slip whose one amount (printed once or more, on no payment line) is the
    price of its one item, so the total; unsure."""
    found = [(index, a) for index, line_amounts in enumerate(amounts) for a in line_amounts if a.value > 0]
    if len({a.value for _, a in found}) != 1:
        return None
    index, amount = found[-1]
    text = folded(doc.lines[index])
    if TENDERED.search(text) or CHANGE.search(text) or CARD.search(text):
        return None
    return Found(amount.value, ONLY_AMOUNT_CONFIDENCE, doc.lines[index].evidence(doc.method, amount.start, amount.end))


def _paid(doc: TextDocument, amounts: list[list[Amount]], pay: _Payments,
          printed: dict[Decimal, int]) -> Found[Decimal] | None:
    """No total label read: cash tendered minus change, when the payment lines give one amount; surer when that
    amount is printed elsewhere on the slip. A cash amount without a change line must be printed elsewhere, or be
    the sum of the item amounts above the payment."""
    if len(pay.cash) != 1:
        return None
    (value,) = pay.cash
    elsewhere = printed.get(value, 0) > (1 if pay.paid_only else 0)
    if pay.paid_only and not elsewhere and _items_sum(doc, amounts, pay.first_line) != value:
        return None
    for index, line_amounts in reversed(list(enumerate(amounts))):
        for amount in line_amounts:
            if amount.value == value:
                line = doc.lines[index]
                return Found(value, PAID_CONFIDENCE, line.evidence(doc.method, amount.start, amount.end))
    return Found(value, UNPRINTED_CONFIDENCE, Evidence("derived"))
