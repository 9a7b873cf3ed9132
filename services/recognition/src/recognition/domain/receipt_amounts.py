"""Amounts on an OCR'd receipt, also where the camera lost or blurred the decimal point.

A till prints every amount with two decimals, so on a receipt '96. 20', '105 , 00' and '92 80' (a point read as a
space) are 96.20, 105.00 and 92.80, and 'RH24.00' or 'M3.00' (a currency sign OCR misread, glued to the amount)
is 24.00 or 3.00. Such readings are marked inexact: a finder uses them with less confidence,
and a bare '9280' (the point lost) only when something else on the slip confirms 92.80 (`cents_lost`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from recognition.domain.layout import TextLine
from recognition.domain.parsing import ocr_digits
from recognition.domain.totals_basics import CENT, line_amounts

_SPACED = re.compile(r"(?<![\d.,])(\d{1,5})(?:\s?([.,])\s{1,2}|\s([.,])\s?)(\d{2})(?![\d.,]|\s?%)")
_POINT_AS_SPACE = re.compile(r"(?<![\d.,])(\d{1,5}) (\d{2})\s*$")
_GLUED = re.compile(r"(?<![\w.,])[A-Z]{1,3}(\d{1,5}[.,]\d{2})(?![\d.,])")  # 'RH367.10', 'M3.00': a currency misread
_BARE = re.compile(r"(?<![\d.,\-/:])(\d{3,6})(?![\d.,/:%])")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int
    end: int
    exact: bool = True


def receipt_amounts(line: TextLine) -> list[Amount]:
    """The line's amounts: as printed, and (inexact) with a space around or instead of the decimal point or with
    letters glued before them."""
    found = [Amount(v, s, e) for v, s, e in line_amounts(line, "ocr")]
    text = ocr_digits(line.text)
    for m in _SPACED.finditer(text):
        if not any(a.start < m.end() and m.start() < a.end for a in found):
            found.append(Amount(Decimal(f"{m.group(1)}.{m.group(4)}"), m.start(), m.end(), False))
    for m in _GLUED.finditer(text):
        if not any(a.start < m.end() and m.start() < a.end for a in found):
            found.append(Amount(Decimal(m.group(1).replace(",", ".")), m.start(1), m.end(), False))
    if (m := _POINT_AS_SPACE.search(text)) and not any(a.start < m.end() and m.start() < a.end for a in found):
        found.append(Amount(Decimal(f"{m.group(1)}.{m.group(2)}"), m.start(), m.end(), False))
    return sorted(found, key=lambda a: a.start)


def cents_lost(line: TextLine, after: int) -> Amount | None:
    """The last bare number of three to six digits after `after` read as an amount whose point was lost
    ('Total 9280' → 92.80); only for a caller that confirms it."""
    text = ocr_digits(line.text)
    found = [m for m in _BARE.finditer(text) if m.start() >= after]
    if not found:
        return None
    m = found[-1]
    return Amount((Decimal(m.group(1)) / 100).quantize(CENT), m.start(), m.end(), False)
