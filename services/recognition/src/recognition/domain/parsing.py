"""Amounts, percentages and dates as written in French, Dutch, German and English documents."""
from __future__ import annotations

from functools import lru_cache

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(
    r"(?<![\w/.,-])[-−]?\s?(?:€|EUR|USD|GBP|CHF|\$|£|RM|MYR|SGD|S\$)?\s?"
    r"(\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})+|\d+)([.,]\d{2})(?!\d|[.,/]\d)\s?(?:€|EUR)?-?(?![\w/])"
)
_WHOLE_AMOUNT = re.compile(  # no cents, but a currency sign before it ('$10,375', '€ 500')
    r"(?<![\w/.,-])[-−]?\s?(?:€|EUR|USD|GBP|CHF|\$|£)\s?(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?![\w%]|[.,/-]\d)"
)
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,2}(?:[.,]\d{1,2})?)\s?%")

MONTHS = {
    # fr
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "oktober": 10,
    # de
    "januar": 1, "februar": 2, "marz": 3, "maerz": 3, "dezember": 12,
    # en
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
    # abbreviations shared by several languages
    "jan": 1, "janv": 1, "feb": 2, "fev": 2, "fevr": 2, "mar": 3, "mrt": 3, "apr": 4, "avr": 4, "jun": 6, "jul": 7, "juil": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?\s+(\d{4})(?!\d)")
_EN_DATE = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, for matching labels and month names (cached: called per character of a line)."""
    # 'nº' (the ordinal indicator, which NFKD makes an 'o') is written for 'n°': kept a sign, as the labels are
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u00ba", "\u00b0"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_amount(text: str) -> Decimal | None:
    """The first amount with two decimals in `text` ('1.234,56', '1 234,56 €', '1,234.56'), or None."""
    found = amounts_in(text)
    return found[0][0] if found else None


def amounts_in(text: str) -> list[tuple[Decimal, int, int]]:
    """Every amount in `text`, with two decimals or a currency sign before it: (value, start, end)."""
    out = []
    for match in _AMOUNT.finditer(text):
        integer = re.sub(r"[ .,'\u00a0\u202f]", "", match.group(1))
        try:
            value = Decimal(f"{integer}.{match.group(2)[1:]}")
        except InvalidOperation:
            continue
        raw = match.group(0)
        if raw.lstrip().startswith(("-", "−")) or raw.rstrip().endswith("-"):
            value = -value
        out.append((value, match.start(), match.end()))
    for match in _WHOLE_AMOUNT.finditer(text):
        if any(s < match.end() and match.start() < e for _, s, e in out):
            continue
        value = Decimal(re.sub(r"[.,]", "", match.group(1)) + ".00")
        out.append((-value if match.group(0).lstrip().startswith(("-", "−")) else value, match.start(), match.end()))
    return sorted(out, key=lambda a: a[1])


_OCR_NUMBER = re.compile(r"(?<![\w])[-−]?[0-9OoIlS|]+(?:[ .,'][0-9OoIlS|]{3})*[.,][0-9OoIlS|]{2}(?![\w])")
_SPLIT_THOUSANDS = re.compile(r"(?<![\w.,])(\d{1,3})(?:(\.) (\d{3},\d{2})|(,) (\d{3}\.\d{2}))(?![\w]|[.,]\d)")
_ODD_SEPARATORS = re.compile(r"(?<![\w.,:;])(?=[\d.,]*[:;])\d{1,3}(?:[.,:;]\d{3})+[.,:;]\d{2}(?![\w]|[.,:;]\d)")
_SPLIT_CENTS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})*|\d+)([.,]) (\d{2})(?![\w]|[.,]\d)")
_SPACE_BEFORE_CENTS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d{2,}) ([.,]\d{2})(?![\w]|[.,]\d)")
_OCR_DIGIT = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5"})


def ocr_digits(text: str) -> str:
    """`text` with the letters OCR mistakes for digits (O/o→0, I/l/|→1, S→5) read as digits inside tokens shaped
    like an amount ('1.2l4,5O' → '1.214,50'); same length, so positions still point into the original."""
    def fix(m: re.Match) -> str:
        token = m.group(0)
        return token.translate(_OCR_DIGIT) if sum(c.isdigit() for c in token) >= 2 else token
    text = _OCR_NUMBER.sub(fix, text)
    # a colon or semicolon read for a separator ('57:232;13'): a comma before the cents, a dot between thousands
    text = _ODD_SEPARATORS.sub(lambda m: re.sub(r"[:;](?=\d{3})", ".", m.group(0)[:-3]) + (
        "," if m.group(0)[-3] in ":;" else m.group(0)[-3]) + m.group(0)[-2:], text)
    # a space OCR put after the decimal separator ('197,755. 39') or before it ('372.112 ,47'): moved to the front
    text = _SPLIT_CENTS.sub(lambda m: " " + m.group(1) + m.group(2) + m.group(3), text)
    text = _SPACE_BEFORE_CENTS.sub(lambda m: " " + m.group(1) + m.group(2), text)
    # a thousands separator OCR followed by a space ('268. 679,24'): the space moved to the front
    return _SPLIT_THOUSANDS.sub(lambda m: " " + m.group(1) + (m.group(2) or m.group(4)) + (m.group(3) or m.group(5)),
                                text)


def percents_in(text: str) -> list[Decimal]:
    """Every percentage in `text` ('21%', '5,5 %')."""
    return [Decimal(m.group(1).replace(",", ".")) for m in _PERCENT.finditer(text)]


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None


def dates_in(text: str) -> list[tuple[date, int, int]]:
    """Every date in `text`, day first ('12/03/2025', '12.03.2025', '12 mars 2025', 'March 12, 2025')."""
    folded = fold(text)
    out: list[tuple[date, int, int]] = []
    for m in _ISO_DATE.finditer(folded):
        if d := _make(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            out.append((d, m.start(), m.end()))
    for m in _NUMERIC_DATE.finditer(folded):
        day, month = int(m.group(1)), int(m.group(3))
        d = _make(int(m.group(4)), month, day) or _make(int(m.group(4)), day, month)
        if d:
            out.append((d, m.start(), m.end()))
    for m in _WORD_DATE.finditer(folded):
        if (month := MONTHS.get(m.group(2))) and (d := _make(int(m.group(3)), month, int(m.group(1)))):
            out.append((d, m.start(), m.end()))
    for m in _EN_DATE.finditer(folded):
        if (month := MONTHS.get(m.group(1))) and (d := _make(int(m.group(3)), month, int(m.group(2)))):
            out.append((d, m.start(), m.end()))
    out.sort(key=lambda item: item[1])
    return out


def parse_date(text: str) -> date | None:
    """The first date in `text`, or None."""
    found = dates_in(text)
    return found[0][0] if found else None


def parse_decimal(text: str) -> Decimal | None:
    """A plain number such as a quantity ('2', '2,5', '1.000,25'), or None."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+(?:[.,]\d{3})*(?:[.,]\d+)?", cleaned):
        return None
    if re.search(r"[.,]\d{1,2}$", cleaned) or re.search(r"[.,]\d{4,}$", cleaned):
        head, tail = re.split(r"[.,](?=\d+$)", cleaned)
        cleaned = re.sub(r"[.,]", "", head) + "." + tail
    else:
        cleaned = re.sub(r"[.,]", "", cleaned)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None
