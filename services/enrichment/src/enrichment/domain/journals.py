"""ENR-3/ENR-4: the journal from document type and mailbox, the period from the invoice date, the number."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from string import Formatter

from enrichment.domain.model import Journal, Period

FALLBACK_CODES = {"purchases": "ACH", "sales": "VEN", "misc": "DIV"}


@dataclass(frozen=True)
class JournalChoice:
    journal: Journal
    confidence: float
    note: str | None = None


@dataclass(frozen=True)
class PeriodChoice:
    period: Period
    confidence: float
    warning: str | None = None  # ENR-3: the invoice date lies outside the proposed period
    note: str | None = None


def merged(settings: tuple[Journal, ...], master: tuple[Journal, ...]) -> tuple[Journal, ...]:
    """The dossier's journals: the accounting software's, completed by the settings of the same code."""
    by_code = {j.code: j for j in settings}
    for j in master:
        mine = by_code.get(j.code)
        if mine is None:
            by_code[j.code] = j
            continue
        by_code[j.code] = replace(
            mine, type=j.type, name=j.name or mine.name, number_format=j.number_format or mine.number_format,
            next_number=max(j.next_number or 0, mine.next_number or 0) or None,
            credit_notes_only=j.credit_notes_only or mine.credit_notes_only, active=j.active and mine.active)
    return tuple(sorted(by_code.values(), key=lambda j: j.code))


def choose_journal(journals: tuple[Journal, ...], journal_type: str, kind: str, foreign: bool) -> JournalChoice:
    """Credit notes go to a credit-note journal when there is one; foreign invoices to a foreign-currency one."""
    same = [j for j in journals if j.active and j.type == journal_type]
    if not same:
        code = FALLBACK_CODES.get(journal_type, "DIV")
        return JournalChoice(Journal(code, journal_type), 0.2, f"no active {journal_type} journal in the dossier; {code} assumed")
    if kind == "credit_note":
        credit = [j for j in same if j.credit_notes_only]
        if credit:
            return JournalChoice(credit[0], 0.95)
    usual = [j for j in same if not j.credit_notes_only] or same
    if foreign:
        usual = [j for j in usual if j.foreign_currency] or usual
    return JournalChoice(usual[0], 0.95 if len(usual) == 1 else 0.8)


def _month(day: date) -> Period:
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(f"{day.year}-{day.month:02}", day.replace(day=1), day.replace(day=last))


def choose_period(periods: tuple[Period, ...], day: date) -> PeriodChoice:
    """The open period holding the date; else the first open one after it (or the last open one), with a warning."""
    if not periods:
        return PeriodChoice(_month(day), 0.5, note="no periods known for the dossier; the calendar month assumed")
    open_ = sorted((p for p in periods if p.state == "open"), key=lambda p: p.start)
    holding = next((p for p in open_ if p.holds(day)), None)
    if holding is not None:
        return PeriodChoice(holding, 1.0)
    if not open_:
        return PeriodChoice(_month(day), 0.2, note="every period of the dossier is closed")
    later = next((p for p in open_ if p.start > day), open_[-1])
    closed = next((p for p in periods if p.holds(day)), None)
    why = f"period {closed.code} is {closed.state}" if closed else "no period holds it"
    return PeriodChoice(later, 0.6, warning=f"the invoice date {day.isoformat()} lies outside period {later.code} ({why})")


@dataclass(frozen=True)
class FiscalYear:
    """ENR-4: what a document number belongs to: the fiscal year's key (one counter per journal and key) and the
    year its numbers show as {year}."""

    key: str
    year: int


def fiscal_year(period: Period, periods: tuple[Period, ...]) -> FiscalYear:
    """The fiscal year of the period as the accounting software names it ({year}: that name when it is a year, else
    the year its first period starts in); without a name, the calendar year of the period's start."""
    name = period.fiscal_year
    if not name:
        return FiscalYear(str(period.start.year), period.start.year)
    if re.fullmatch(r"[0-9]{4}", name):
        return FiscalYear(name, int(name))
    first = min((p.start for p in periods if p.fiscal_year == name), default=period.start)
    return FiscalYear(name, first.year)


def number_floor(journal: Journal) -> int:
    """The journal's next number as the dossier settings and the accounting software say (the higher one)."""
    return max(journal.next_number or 1, 1)


def number_seed(journal: Journal, fiscal_year: str, numbered: dict[str, int]) -> int:
    """Where the journal's count in a fiscal year starts or jumps forward to. `numbered`: the fiscal years it counted
    in, each with the journal's next number its count last saw. The journal's next number starts the first fiscal
    year, and raises the newest one's count when it was raised since; any other year starts at 1 (a new fiscal
    year) or goes on (a late document of an older year)."""
    floor = number_floor(journal)
    if not numbered:
        return floor
    if fiscal_year == max(numbered) and floor > numbered[fiscal_year]:
        return floor
    return 1


@dataclass(frozen=True)
class NextNumber:
    """What the journals page shows: the number the journal's next proposal gets, in which fiscal year (None: the
    journal has numbered nothing yet, its next number starts the fiscal year of its first document)."""

    journal: str
    fiscal_year: str | None
    next_number: int


def next_numbers(journals: tuple[Journal, ...], counts: dict[tuple[str, str], tuple[int, int]]) -> list[NextNumber]:
    """Each journal's real next number: its newest fiscal year's count (moved to the journal's next number when that
    was raised since, as the next proposal would); the journal's next number when it has numbered nothing.
    `counts`: (journal, fiscal year) -> (next number, the journal's next number that count last saw)."""
    out = []
    for journal in journals:
        years = {year: count for (code, year), count in counts.items() if code == journal.code}
        floor = number_floor(journal)
        if not years:
            out.append(NextNumber(journal.code, None, floor))
            continue
        newest = max(years)
        count, seen = years[newest]
        out.append(NextNumber(journal.code, newest, max(count, floor) if floor > seen else count))
    return out


def format_number(journal: Journal, seq: int, period: Period, year: int | None = None) -> tuple[str, str | None]:
    """ENR-4: the document number from the journal's format ('{year}/{seq:05}', {year} the fiscal year's); a plain
    number when it is bad."""
    fmt = journal.number_format or "{prefix}{seq}"
    values = dict(seq=seq, year=year or period.start.year, month=period.start.month, prefix=journal.prefix or "",
                  journal=journal.code)
    try:
        unknown = [f for _, f, _, _ in Formatter().parse(fmt) if f is not None and f not in values]
        if unknown:
            raise KeyError(", ".join(unknown))
        return fmt.format(**values), None
    except (KeyError, IndexError, ValueError) as exc:
        return f"{journal.prefix or ''}{seq}", f"number format {fmt!r} of journal {journal.code} is not usable ({exc})"
