"""Amounts printed twice, in two currency columns ('USD  EUR' over 'Total  119.95  109.15'): the total is the one
in the document's currency (the currency the reader reports), the other column is a conversion for reference.

No template: a header line made only of currency codes or signs, two or more different ones, and the amounts
below it that stand under one of them.
"""
from __future__ import annotations

import re
from collections import Counter

from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.parsing import fold

CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {"EUR": ("eur", "€", "euro"), "USD": ("usd", "$"), "GBP": ("gbp", "£"),
                                              "CHF": ("chf",)}
"""Each currency the reader reports, by the codes and signs that write it (folded text)."""



def currency_counts(doc: TextDocument) -> Counter[str]:
    """How often the document writes each currency's codes and signs."""
    text = fold(doc.text)
    return Counter({code: sum(len(re.findall(r"(?<![a-z])" + re.escape(s) + r"(?![a-z])", text)) for s in signs)
                    for code, signs in CURRENCY_SIGNS.items()})


_SIGN = {sign: code for code, signs in CURRENCY_SIGNS.items() for sign in signs}
_TOKEN = re.compile(r"\(?(" + "|".join(re.escape(s) for s in sorted(_SIGN, key=len, reverse=True)) + r")\)?(?![a-z])")
_HEADER_REACH = 8  # a currency header labels the amount columns at most this many lines below it


def currency_header(line: TextLine, folded_text: str) -> list[tuple[str, float, float]] | None:
    """(currency, x0, x1) of each column of a line made only of currency codes or signs, naming two or more
    currencies ('USD  EUR', 'Amount (USD)  Amount (EUR)' does not count: words besides the codes); else None."""
    words = folded_text.split()
    if len(words) < 2 or not all(_TOKEN.fullmatch(w) for w in words):
        return None
    columns = []
    for m in _TOKEN.finditer(folded_text):
        boxes = line.words_between(m.start(), m.end())
        if boxes:
            columns.append((_SIGN[m.group(1)], boxes[0].x0, boxes[-1].x1))
    return columns if len({c for c, _, _ in columns}) >= 2 else None


def column_currency(doc: TextDocument, index: int, x0: float, x1: float, folded_lines: list[str]) -> str | None:
    """The currency of the column over the box x0..x1 of line `index`, from a currency header a few lines above on
    the same page (the nearest column by centre, when the box lies under one); None without such a header."""
    line = doc.lines[index]
    for back in range(index - 1, max(-1, index - 1 - _HEADER_REACH), -1):
        above = doc.lines[back]
        if above.page != line.page:
            return None
        columns = currency_header(above, folded_lines[back])
        if columns is None:
            continue
        centre = (x0 + x1) / 2
        code, c0, c1 = min(columns, key=lambda c: abs((c[1] + c[2]) / 2 - centre))
        width = max(c1 - c0, x1 - x0)
        return code if abs((c0 + c1) / 2 - centre) <= width else None
    return None
