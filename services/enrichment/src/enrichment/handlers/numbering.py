"""Use cases of document numbers (ENR-4): a number in the journal's count of the period's fiscal year, a proposal
renumbered when its period moves to another fiscal year, and each journal's real next number for the journals page."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from enrichment.domain import journals
from enrichment.domain.journals import FiscalYear, NextNumber
from enrichment.domain.model import Journal, Period
from enrichment.handlers.ports import Replica


class NumberingError(Exception):
    """A renumbering the dossier's data cannot make: ``code`` names the field (unknown_proposal, unknown_journal,
    unknown_period)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Numbered:
    """A number handed out: the formatted number, its fiscal year, and why the journal's format was not usable."""

    document_number: str
    fiscal_year: FiscalYear
    problem: str | None = None


async def take_number(replica: Replica, dossier_id: UUID, journal: Journal, period: Period,
                      periods: tuple[Period, ...]) -> Numbered:
    """The journal's next number in the fiscal year of the period (each fiscal year its own count; never twice)."""
    year = journals.fiscal_year(period, periods)
    seed = journals.number_seed(journal, year.key, await replica.numbered_years(dossier_id, journal.code))
    seq = await replica.next_number(dossier_id, journal.code, year.key, seed, journals.number_floor(journal))
    number, problem = journals.format_number(journal, seq, period, year.year)
    return Numbered(number, year, problem)


async def renumber(replica: Replica, dossier_id: UUID, proposal_id: UUID, journal_code: str,
                   period_code: str) -> tuple[str | None, bool]:
    """ENR-4, issue 15: the proposal's number for the journal and period it now has: the one it holds while both
    stay in the same journal and fiscal year, else a new one in that year's count. The number it held is not
    handed out again (a sequence number is never reused: its count has a gap). Returns (number, renumbered)."""
    record = await replica.proposal_of(dossier_id, proposal_id)
    if record is None:
        raise NumberingError("unknown_proposal", f"proposal {proposal_id} is not a live proposal of this dossier")
    book = await replica.book(dossier_id)
    journal = next((j for j in journals.merged(book.profile.journals, book.journals) if j.code == journal_code), None)
    if journal is None:
        raise NumberingError("unknown_journal", f"journal {journal_code} is not a journal of the dossier")
    period = next((p for p in book.periods if p.code == period_code), None)
    if period is None:
        raise NumberingError("unknown_period", f"period {period_code} is not a period of the dossier")
    year = journals.fiscal_year(period, book.periods)
    if (record.journal, record.fiscal_year) == (journal.code, year.key) and record.document_number:
        return record.document_number, False
    numbered = await take_number(replica, dossier_id, journal, period, book.periods)
    await replica.set_number(dossier_id, proposal_id, journal.code, numbered.document_number, numbered.fiscal_year.key)
    return numbered.document_number, True


async def next_numbers(replica: Replica, dossier_id: UUID) -> list[NextNumber]:
    """What each active journal's next proposal would be numbered, from the counts enrichment keeps."""
    book = await replica.book(dossier_id)
    active = tuple(j for j in journals.merged(book.profile.journals, book.journals) if j.active)
    return journals.next_numbers(active, await replica.counters(dossier_id))
