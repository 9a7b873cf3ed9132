"""A receipt's date: the moment of the sale, which a till prints with its time, often beside a 'Date' label.

Every date on the slip is a candidate, in the numeric forms of `parsing.dates_in` and in the forms tills add: a
month name with a two-digit year, between slashes or before a comma ('28 Mar 18', '02/JAN/2017', '05-MAR-2018',
'21 March, 2018'), the year first
with slashes or dots ('2018/03/23'), a four-digit year whose separator OCR read as a space or that OCR split in
two ('25/12/20 18', not before a colon: '20 18:30' is a time), and (beside a time) a
year whose second digit OCR misread ('12-02-2618 11:34', '2918-03-18 13:21'), a month whose J OCR read as l or i
('02/lan/2017'). What counts for one: a date label before it on its line, a time of day on its line, the same date
printed again; what rules it out: the words of another date (expiry, validity, due, best before). Day or month
first as the document shows (`date_order`).
"""
from __future__ import annotations

import re
from datetime import date

from recognition.domain.date_order import in_order, month_first
from recognition.domain.layout import TextDocument
from recognition.domain.model import Found
from recognition.domain.parsing import MONTHS, _make, dates_in, fold
from recognition.domain.search import folded

_MONTH_DATE = re.compile(r"(?<![\da-z])(\d{1,2})\s?[-/. ]?\s?([a-z]{3,9})\.?,?\s?[-/. ]?\s?'?(\d{4}|\d{2})"
                         r"(?![\d:]|[.,]\d)")
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})\s?([/.])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?!\d)")
_ONE_SEPARATOR_LOST = re.compile(r"(?<![\d.,])(\d{1,2})[-/.](\d{1,2}) (\d{4})(?![\d.,])")  # '13-02 2016'
_YEAR_SPLIT = re.compile(r"(?<![\d.,])(\d{1,2})([-/.])(\d{1,2})\2(20) (\d{2})(?![\d.,:])")  # '25/12/20 18'
_TIME = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])\s?:\s?[0-5]\d(?:\s?:\s?[0-5]\d)?(?![\d.,])")
_DATE_LABEL = re.compile(r"(?<![a-z])(date|datum|dated|tarikh|fecha|data|dt|le|du)(?![a-z])")
_OTHER_DATE = re.compile(r"(?<![a-z])(exp\w*|valid\w*|until|due|best before|use by|vervaldatum|geldig\w*|valable|"
                         r"gultig\w*|bis|echeance|verval\w*|print\w*|birth|geboren|since|member since)(?![a-z])")

LABELLED_CONFIDENCE = 0.85  # a date with its label or the time of the sale beside it
PLAIN_CONFIDENCE = 0.7  # the best of the dates on the slip, nothing beside it


def receipt_dates_in(text: str) -> list[tuple[date, int, int]]:
    """Every date in `text`: those of `dates_in`, and the month-name and year-first forms tills print."""
    out = list(dates_in(text))
    low = "".join((fold(c) or c)[:1] for c in text)  # folded one character for one: offsets stay
    for m in _MONTH_DATE.finditer(low):
        month = _month(m.group(2))
        if month and (d := _make(int(m.group(3)), month, int(m.group(1)))):
            out.append((d, m.start(), m.end()))
    for m in _YEAR_FIRST.finditer(low):
        if d := _make(int(m.group(1)), int(m.group(3)), int(m.group(4))):
            out.append((d, m.start(), m.end()))
    for m in _ONE_SEPARATOR_LOST.finditer(low):
        if d := _make(int(m.group(3)), int(m.group(2)), int(m.group(1))):
            out.append((d, m.start(), m.end()))
    for m in _YEAR_SPLIT.finditer(low):  # longer than the '25/12/20' inside it, so kept before it
        if d := _make(2000 + int(m.group(5)), int(m.group(3)), int(m.group(1))):
            out.append((d, m.start(), m.end()))
    kept: list[tuple[date, int, int]] = []
    for d, s, e in sorted(out, key=lambda item: (item[1], -(item[2] - item[1]))):
        if not any(s < ke and ks < e for _, ks, ke in kept):  # overlapping readings: the longest first one
            kept.append((d, s, e))
    return kept


_TIMED_DATE = re.compile(r"(?<![\d.,])(\d{1,2})([-/.])(\d{1,2})\2(2\d)(\d\d)\s+\d{1,2}:\d{2}")
_TIMED_YEAR_FIRST = re.compile(r"(?<![\d.,])(2\d)(\d\d)([-/.])(\d{1,2})\3(\d{1,2})\s+\d{1,2}:\d{2}")
_MONTH_START = str.maketrans({"l": "j", "i": "j"})  # 'lan', 'iul': a J OCR read thin


def _month(word: str) -> int | None:
    """A month's number from its name or abbreviation, also with a J OCR read as l or i ('02/lan/2017')."""
    return MONTHS.get(word) or MONTHS.get(word[:1].translate(_MONTH_START) + word[1:])


def _year_misread(text: str) -> list[tuple[date, int, int]]:
    """A date with the time of sale beside it whose year OCR misread in its second digit ('12-02-2618 11:34'):
    the year is 20 and its last two digits (a till prints this century's years)."""
    out = []
    for m in _TIMED_DATE.finditer(text):
        if m.group(4) != "20" and (d := _make(2000 + int(m.group(5)), int(m.group(3)), int(m.group(1)))):
            out.append((d, m.start(), m.start() + len(m.group(0).split()[0])))
    for m in _TIMED_YEAR_FIRST.finditer(text):  # '001-2918-03-18 13:21:02'
        if m.group(1) != "20" and (d := _make(2000 + int(m.group(2)), int(m.group(4)), int(m.group(5)))):
            out.append((d, m.start(), m.start() + len(m.group(0).split()[0])))
    return out


def receipt_date(doc: TextDocument) -> Found[date] | None:
    """The date of the sale (see the module's doc), or None when the slip shows no date."""
    months_first = month_first(doc)
    cands: list[tuple[float, int, date, int, int, bool]] = []
    for index, line in enumerate(doc.lines):
        text = folded(line)
        for value, start, end in receipt_dates_in(line.text) or _year_misread(line.text):
            if _OTHER_DATE.search(text[:start]):
                continue
            value = in_order(value, line.text[start:end], months_first)
            labelled = bool(_DATE_LABEL.search(text[max(0, start - 20):start]))
            timed = bool(_TIME.search(text[:start] + " " + text[end:]))
            score = 0.5 + 0.8 * labelled + 0.6 * timed
            cands.append((score, index, value, start, end, labelled or timed))
    if not cands:
        return None
    repeated = {}
    for _, _, value, _, _, _ in cands:
        repeated[value] = repeated.get(value, 0) + 1
    score, index, value, start, end, sure = max(
        cands, key=lambda c: (c[0] + 0.3 * min(repeated[c[2]] - 1, 2), -c[1]))
    line = doc.lines[index]
    conf = (LABELLED_CONFIDENCE if sure or repeated[value] > 1 else PLAIN_CONFIDENCE)
    conf *= 0.9 + 0.1 * line.conf(start, end)
    return Found(value, round(conf, 3), line.evidence(doc.method, start, end))
