"""Day-first or month-first: numeric dates are read day first unless the document shows it writes months first.

'09/10/2020' is 9 October in Europe and September 10 in the US. A document proves its order when one of its
numeric dates can only be read one way ('13/02/2024' day first, '02/13/2024' month first); without proof, an
English page with amounts in US dollars or an American address (a state and its ZIP code: 'Seattle, WA 98101'),
and no other currency, is read month first.
"""
from __future__ import annotations

import re
from datetime import date

from recognition.domain.layout import TextDocument
from recognition.domain.parsing import fold

_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]?\d)")
_DOLLAR_AMOUNT = re.compile(r"(\$\s?\d|\busd\b)")
_OTHER_CURRENCY = re.compile(r"(€|£|\beur\b|\brm\s?\d|\bmyr\b|\bcad\b|\baud\b|\bsgd\b)")
_US_ADDRESS = re.compile(r"\b(A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|"
                         r"S[CD]|T[NX]|UT|V[AT]|W[AIVY]),?\s+\d{5}(?:-\d{4})?\b")  # 'Seattle, WA 98101'
_EN_WORDS = re.compile(r"\b(invoice|total|amount|due|date|bill to)\b")
_OTHER_LANGUAGES = re.compile(r"\b(rechnung|facture|factuur|datum|montant|betrag|bedrag)\b")


def month_first(doc: TextDocument) -> bool:
    """Whether the document's numeric dates put the month first (see the module's doc)."""
    day_first_seen = month_first_seen = False
    for line in doc.lines:
        for a, b, _ in _NUMERIC.findall(line.text):
            day_first_seen |= int(a) > 12 and int(b) <= 12
            month_first_seen |= int(b) > 12 and int(a) <= 12
    if day_first_seen != month_first_seen:
        return month_first_seen
    if day_first_seen:
        return False
    text = fold(doc.text)
    us = ((len(_DOLLAR_AMOUNT.findall(text)) >= 2 or _US_ADDRESS.search(doc.text))
          and not _OTHER_CURRENCY.search(text))
    return bool(us and _EN_WORDS.search(text) and not _OTHER_LANGUAGES.search(text))


def in_order(value: date, raw: str, months_first: bool) -> date:
    """`value` as read day first from `raw`, swapped to month first when the document writes dates that way."""
    if not months_first:
        return value
    m = _NUMERIC.search(raw)
    if m is None or int(m.group(1)) > 12:
        return value
    try:
        return value.replace(month=value.day, day=value.month)
    except ValueError:
        return value
