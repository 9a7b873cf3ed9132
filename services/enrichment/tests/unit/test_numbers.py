"""ENR-4 (issue 15 item 8): a document number follows its period's fiscal year — {year} is the fiscal year's and
each fiscal year of a journal counts on its own — also when a new recognition moves the document to another year."""
from __future__ import annotations

import uuid

import pytest
from calendar import monthrange
from datetime import date

from contracts.events.ledger import PeriodRecord
from enrichment.handlers import numbering, propose, replicate
from enrichment_memory import MemoryReplica
from enrichment_testkit import dossier_changed, invoice, master, party, periods, recognized, synced

PROX = party("Proximus NV", "BE0202239951")


async def world(year_periods):
    r, d = MemoryReplica(), uuid.uuid4()
    await replicate.apply_dossier(r, dossier_changed(d))
    await replicate.apply_ledger(r, synced(d, master(periods=year_periods)))
    return r, d


async def number(r, d, day: date, **kw) -> str:
    return (await propose.propose(r, recognized(invoice(seller=PROX, number=f"N{uuid.uuid4().hex[:6]}", day=day),
                                                dossier=d, **kw))).document_number


async def test_a_new_fiscal_year_counts_from_one_and_shows_its_own_year():
    r, d = await world(periods(2025) + periods(2026))
    assert await number(r, d, date(2025, 11, 3)) == "ACH/2025/0007"  # the journal's next number (7) in 2025
    assert await number(r, d, date(2026, 12, 2)) == "ACH/2026/0001"
    assert await number(r, d, date(2026, 12, 9)) == "ACH/2026/0002"
    assert await number(r, d, date(2025, 12, 30)) == "ACH/2025/0008", "a late 2025 invoice goes on in 2025"


async def test_a_fiscal_year_across_calendar_years_numbers_as_one_year():
    """July 2025 – June 2026, named '2025-2026' by the accounting software: March 2026 follows September 2025."""
    months = [(2025, m) for m in range(7, 13)] + [(2026, m) for m in range(1, 7)]
    split = tuple(PeriodRecord(code=f"{y}-{m:02}", start_date=date(y, m, 1), end_date=date(y, m, monthrange(y, m)[1]),
                               fiscal_year="2025-2026") for y, m in months)
    r, d = await world(split)
    assert await number(r, d, date(2025, 9, 1)) == "ACH/2025/0007"
    assert await number(r, d, date(2026, 3, 1)) == "ACH/2025/0008"


async def test_a_new_recognition_moving_the_document_to_another_fiscal_year_gets_that_years_number():
    """The number handed out stays when a new recognition keeps journal and fiscal year; a date read anew that
    moves the document from 2025 to period 2026-12 gets a 2026 number, never keeps 2025/0007."""
    r, d = await world(periods(2025) + periods(2026))
    doc = uuid.uuid4()
    first = await propose.propose(r, recognized(invoice(seller=PROX, number="F1", day=date(2025, 12, 2)), dossier=d,
                                                document_id=doc))
    same_year = await propose.propose(r, recognized(invoice(seller=PROX, number="F1", day=date(2025, 12, 3)),
                                                    dossier=d, document_id=doc))
    moved = await propose.propose(r, recognized(invoice(seller=PROX, number="F1", day=date(2026, 12, 2)), dossier=d,
                                                document_id=doc))
    assert (first.document_number, same_year.document_number) == ("ACH/2025/0007", "ACH/2025/0007")
    assert (moved.period.code, moved.document_number) == ("2026-12", "ACH/2026/0001")


async def test_a_raised_next_number_moves_the_newest_fiscal_year_only_and_once():
    """The office raises the journal's next number (settings) in 2026: 2026's count jumps there; an unchanged
    setting moves nothing any more, and a late 2025 invoice goes on with 2025's count."""
    r, d = await world(periods(2025) + periods(2026))
    assert await number(r, d, date(2025, 5, 2)) == "ACH/2025/0007"
    assert await number(r, d, date(2026, 1, 5)) == "ACH/2026/0001"
    raised = master().journals[0].model_copy(update={"next_number": 40})
    await replicate.apply_ledger(r, synced(d, master(journals=(raised,), periods=periods(2025) + periods(2026))))
    assert await number(r, d, date(2026, 1, 6)) == "ACH/2026/0040"
    assert await number(r, d, date(2026, 1, 7)) == "ACH/2026/0041"
    assert await number(r, d, date(2025, 6, 1)) == "ACH/2025/0008"


async def test_a_period_moved_to_another_fiscal_year_renumbers_in_that_years_count():
    """Issue 15: the collaborator moves a proposal from 2025-12 to 2026-01: it gets 2026's next number; its 2025
    number is not handed out again (a gap in 2025's count); moving within a year keeps the number; the journals
    page's next numbers follow."""
    r, d = await world(periods(2025) + periods(2026))
    made = await propose.propose(r, recognized(invoice(seller=PROX, number="F1", day=date(2025, 12, 2)), dossier=d))
    assert made.document_number == "ACH/2025/0007"
    pid = made.proposal_id
    assert await numbering.renumber(r, d, pid, "ACH", "2025-11") == ("ACH/2025/0007", False)
    assert await numbering.renumber(r, d, pid, "ACH", "2026-01") == ("ACH/2026/0001", True)
    assert await numbering.renumber(r, d, pid, "ACH", "2026-02") == ("ACH/2026/0001", False), "same year: kept"
    assert await number(r, d, date(2025, 12, 5)) == "ACH/2025/0008", "2025/0007 is never handed out again"
    assert {n.journal: (n.fiscal_year, n.next_number) for n in await numbering.next_numbers(r, d)}["ACH"] == \
        ("2026", 2)
    for journal, period, code in (("XYZ", "2026-01", "unknown_journal"), ("ACH", "2031-01", "unknown_period")):
        with pytest.raises(numbering.NumberingError) as refused:
            await numbering.renumber(r, d, pid, journal, period)
        assert refused.value.code == code
    with pytest.raises(numbering.NumberingError):
        await numbering.renumber(r, uuid.uuid4(), pid, "ACH", "2026-01")  # another dossier's proposal
