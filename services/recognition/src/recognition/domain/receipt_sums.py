"""What a till slip's own arithmetic says its total is: the subtotal before tax plus the tax lines below it
(GST, VAT, a service charge), and that sum with the cash rounding read beside it.

'SUB TOTAL 64.00', 'GST 6% 3.84', 'ROUNDING ADJ 0.01' make 67.85: a total a till prints. The sum is only given
when every part is read as a labelled amount on its own line (one amount each), the subtotal's label says it
comes before tax ('Sub-total', 'Total excl. GST', 'Total Sales (Excluding GST)'), at least one tax line follows it
and no discount, or a tax said to be included, stands between them (a tax included in a subtotal is not added
to it). Used by `receipt_total` to confirm or correct a labelled total. And, for a slip whose total and payment
were not read, the VAT summary's total row (net and tax, or net, tax and gross). No template: label words and
arithmetic only.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from recognition.domain.layout import TextDocument
from recognition.domain.model import Found
from recognition.domain.receipt_amounts import Amount
from recognition.domain.receipt_labels import TOTAL, total_label
from recognition.domain.search import folded

_SUBTOTAL = re.compile(r"(?<![a-z])(sub\s?-?\s?total\w*|subtotaal|zwischensumme|sous-?\s?total)(?![a-z])"
                       r"|(?<![a-z])total\b.*(?<![a-z])(excl\w*|ex|before|hors|exkl\w*|netto)(?![a-z])")
_TAX = re.compile(r"(?<![a-z])(gst|vat|tax|tva|btw|mwst|ust|service charge|svc|srv chg|service chg)(?![a-z])")
_INCLUDED = re.compile(r"(?<![a-z])(inc\w*|with|ttc|tvac|inkl\w*)(?![a-z])")
_SUMMARY = re.compile(r"(?<![a-z])(summary|analysis|code|rate)(?![a-z])")  # the VAT summary below the sale
_DISCOUNT = re.compile(r"(?<![a-z])(disc\w*|rabatt|korting|remise|coupon|voucher|saving\w*|less)(?![a-z])")
ROUNDING = re.compile(r"(?<![a-z])(roun\w*|rnd|arrondi\w*|afronding|rundung|adj\w*)(?![a-z])")
MAX_ROUNDING = Decimal("0.05")  # cash rounding never moves a total further
ROUNDING_STEP = Decimal("0.05")  # cash totals are rounded to 5 cents (Belgium, the Netherlands, Malaysia ...)
WINDOW = 8  # the tax and rounding lines stand within this many lines below the subtotal


@dataclass(frozen=True)
class SlipSum:
    """The subtotal plus the tax lines (`gross`), the same with the rounding read beside them (`rounded`, None
    when no rounding line gives an amount that makes a 5-cent multiple of it), and the subtotal's line."""

    gross: Decimal
    rounded: Decimal | None
    line_index: int


def slip_sum(doc: TextDocument, amounts: list[list[Amount]], ends: Callable[[int], bool]) -> SlipSum | None:
    """The slip's subtotal plus its tax lines (see the module's doc), or None when the slip does not show them.
    `ends(index)`: whether that line closes the sale's totals (the gross total's label, a payment line); the
    rounding may still stand on the two lines after it."""
    for index, line in enumerate(doc.lines):
        text = folded(line)
        if not _SUBTOTAL.search(text) or len(amounts[index]) != 1 or amounts[index][0].value <= 0:
            continue
        taxes, rounding, end = [], None, None
        for below in range(index + 1, min(len(doc.lines), index + 1 + WINDOW)):
            if end is not None and below > end + 2:
                break
            low = folded(doc.lines[below])
            if ROUNDING.search(low):
                if len(amounts[below]) == 1 and abs(amounts[below][0].value) <= MAX_ROUNDING:
                    rounding = abs(amounts[below][0].value)
                continue
            if end is not None:
                continue  # past the gross or the payment: only a rounding line counts
            if ends(below) or _SUMMARY.search(low):
                end = below
                continue
            if _DISCOUNT.search(low) and any(a.value for a in amounts[below]):
                return None  # a discount between them: the sum is not the subtotal plus tax
            if _TAX.search(low) and len(amounts[below]) == 1:
                if _INCLUDED.search(low):
                    return None  # 'GST included': the subtotal already holds the tax
                taxes.append(amounts[below][0].value)
        if sum(taxes, Decimal(0)) <= 0:
            return None  # no tax read, or only 'TAX 0.00': nothing the sum would add to the subtotal
        gross = amounts[index][0].value + sum(taxes, Decimal(0))
        return SlipSum(gross, _rounded(gross, rounding), index)
    return None


def _rounded(gross: Decimal, rounding: Decimal | None) -> Decimal | None:
    """The gross moved by the rounding read (up or down, the sign OCR may lose) to a 5-cent multiple, if one."""
    if not rounding or gross % ROUNDING_STEP == 0:
        return None
    found = [g for g in (gross + rounding, gross - rounding) if g % ROUNDING_STEP == 0]
    return found[0] if len(found) == 1 else None


MAX_TAX_SHARE = Decimal("0.27")  # no VAT or sales-tax rate is above 27% of the net
SUMMARY_CONFIDENCE = 0.55  # no total label and no payment read: a VAT summary's total row, net plus tax


def summary_row(doc: TextDocument, amounts: list[list[Amount]]) -> Found[Decimal] | None:
    """For a slip whose total and payment were not read: the gross of its VAT summary's total row
    (`summary_row_total`), the last such row of the slip; unsure."""
    found = summary_totals(doc, amounts)
    return found[0] if found is not None else None


def summary_totals(doc: TextDocument, amounts: list[list[Amount]]
                   ) -> tuple[Found[Decimal], Decimal, Decimal] | None:
    """The last VAT summary total row's gross (see `summary_row`), with the row's net and tax."""
    for index in reversed(range(len(doc.lines))):
        text = folded(doc.lines[index])
        if not TOTAL.search(text):
            continue  # no total label: no summary row (and its amounts are not read)
        found = total_label(text, amounts[index])
        after = [a for a in amounts[index] if found is not None and a.start >= found[0].end()]
        values = [a.value for a in after]
        if (gross := summary_row_total(values)) is not None:
            parts = values if len(values) == 2 else values[:values.index(gross)] + values[values.index(gross) + 1:]
            line = doc.lines[index]
            return (Found(gross, SUMMARY_CONFIDENCE, line.evidence(doc.method, after[0].start, after[-1].end)),
                    max(parts), min(parts))
    return None


def summary_row_total(values: list[Decimal]) -> Decimal | None:
    """The gross a VAT summary's total row gives ('TOTAL  105.57  6.33': net and tax; 'Gesamt  4,46  0,31  4,77':
    net, tax and gross): the one amount that is the sum of the two others, or net plus tax when the row holds two
    amounts and the second is a tax's share of the first; None otherwise."""
    if len(values) == 2 and 0 < values[1] <= MAX_TAX_SHARE * values[0]:
        return values[0] + values[1]
    if len(values) == 3:
        for index, value in enumerate(values):
            others = values[:index] + values[index + 1:]
            if value > 0 and abs(sum(others, Decimal(0)) - value) <= Decimal("0.01") and min(others) > 0:
                return value
    return None


def below_summary(total: Decimal, summary: Found[Decimal] | None) -> bool:
    """Whether a total is below the net of the slip's VAT summary (its gross less the highest tax share): no sale's
    total is, so OCR lost its leading digits or read another amount of the row ('TOTAL <4 8.68' for 153.36)."""
    return summary is not None and total * (1 + MAX_TAX_SHARE) < summary.value
