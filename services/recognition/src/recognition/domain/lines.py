"""Invoice lines: the rows of the item table between its header and the totals."""
from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal

from recognition.domain.labels import TABLE_HEADERS, labels
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.model import Line
from recognition.domain.parsing import amounts_in, dates_in, parse_decimal, percents_in
from recognition.domain.search import folded

CENT = Decimal("0.01")


def _is_header(line: TextLine) -> bool:
    text = folded(line)
    return any(re.search(r"(?<![a-z])" + h, text) for h in TABLE_HEADERS) and not amounts_in(line.text)


@lru_cache(maxsize=1)
def _total_start() -> re.Pattern[str]:
    """One pattern for every totals label longer than 3 characters (built once)."""
    found = [label for field in ("total_excl_vat", "total_vat", "total_incl_vat") for label in labels(field)
             if len(label) > 3]
    return re.compile("(?:" + "|".join(re.escape(label) for label in found) + r")(?![a-z])")


def _is_total(line: TextLine) -> bool:
    """A line starting with a totals label ends the table."""
    return _total_start().match(folded(line).lstrip()) is not None


def find_lines(doc: TextDocument) -> list[Line]:
    """Rows with a description and an amount under a table header, until a totals label."""
    out: list[Line] = []
    inside = False
    for line in doc.lines:
        if _is_header(line):
            inside = True
            continue
        if not inside:
            continue
        if _is_total(line):
            inside = False
            continue
        if row := _row(doc, line):
            out.append(row)
    return out


def _row(doc: TextDocument, line: TextLine) -> Line | None:
    amounts = amounts_in(line.text)
    if not amounts or dates_in(line.text):
        return None
    first = amounts[0][1]
    head = line.text[:first]
    tokens = head.split()
    quantity = None
    # the quantity is the last plain number before the first amount, if any
    while tokens and (q := parse_decimal(tokens[-1])) is not None and "%" not in tokens[-1]:
        quantity = q if quantity is None else quantity
        tokens.pop()
        break
    description = " ".join(tokens).strip(" -:|") or None
    if description is None or not re.search(r"[A-Za-z]{2}", description):
        return None
    net = amounts[-1][0]
    unit = amounts[-2][0] if len(amounts) >= 2 else None
    rates = percents_in(line.text[first:])
    conf = 0.6
    if quantity is not None and unit is not None and abs(quantity * unit - net) <= CENT:
        conf = 0.9
    elif quantity is None and unit is None:
        conf = 0.7
    if doc.method == "ocr":
        conf *= 0.9 + 0.1 * line.conf(0, len(line.text))
    return Line(description, quantity, unit, net, rates[0] if rates else None, round(conf, 3),
                line.evidence(doc.method, 0, len(line.text)))
