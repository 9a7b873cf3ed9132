"""Scale (issue 16 item 5): the month totals the replica keeps incrementally (migration 0002's trigger on entries)
always add up to what the entries hold — after inserts, an entry changed by a later sync, a deletion, and an older
redelivery that changes nothing — so the dashboard and reports read them instead of every entry."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from contracts.events.common import JournalRef, PeriodRef
from contracts.events.ledger import Booking, PostedLine

from reporting.adapters import ledger_reads
from reporting.domain import figures, reports
from reporting.domain.figures import Closing
from reporting.domain.ledger import lines_of
from reporting.handlers.events import on_dossier_changed, on_ledger_synced
from reporting_testkit import bookings, deleted, dossier_changed, ledger_synced

pytestmark = pytest.mark.integration
T0 = datetime(2026, 4, 1, tzinfo=timezone.utc)


def changed_e6() -> Booking:
    """E6 as a later sync has it: 3000 turnover instead of 2000.50, moved to April, another customer."""
    return Booking(reference="E6", journal=JournalRef(code="VEN", type="sales"),
                   period=PeriodRef(code="2026-04", start_date=date(2026, 4, 1), end_date=date(2026, 4, 30)),
                   booking_date=date(2026, 4, 2), counterparty_reference="C9",
                   lines=(PostedLine(account="400000", debit=D("3630")), PostedLine(account="700000", credit=D("3000")),
                          PostedLine(account="451000", credit=D("630"))), total=D("3630"), external_id="p6")


async def _same(pool, dossier) -> None:
    raw = await ledger_reads.entries(pool, dossier)
    kept = await ledger_reads.monthly(pool, dossier)
    assert figures.dashboard(kept, 2026, Closing()) == figures.dashboard(raw, 2026, Closing())
    assert figures.balances(lines_of(kept)) == figures.balances(lines_of(raw))
    assert reports.vat_summary(kept, 2026) == reports.vat_summary(raw, 2026)
    assert reports.balance_by_class(kept, {}) == reports.balance_by_class(raw, {})
    as_of = date(2026, 3, 16)  # the months before from the totals, March up to the 16th added up in SQL
    cut = await ledger_reads.monthly(pool, dossier, end=date(2026, 2, 28)) + await ledger_reads.summed(
        pool, dossier, date(2026, 3, 1), as_of)
    assert reports.balance_by_class(cut, {}) == reports.balance_by_class(
        await ledger_reads.entries(pool, dossier, end=as_of), {})
    months = [date(2026, m, 1) for m in range(1, 13)]
    for limit in (1, 10):
        assert reports.top_counterparties(await ledger_reads.party_months(pool, dossier, months, limit), 2026, {},
                                          limit) == reports.top_counterparties(raw, 2026, {}, limit)


async def test_the_month_totals_follow_every_write_of_the_entries(pool):
    dossier = uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(dossier))
        await on_ledger_synced(conn, ledger_synced(dossier, entries=tuple(bookings()), at=T0))
    await _same(pool, dossier)
    async with pool.acquire() as conn, conn.transaction():
        await on_ledger_synced(conn, ledger_synced(dossier, entries=(changed_e6(),), at=T0 + timedelta(hours=1)))
        await on_ledger_synced(conn, ledger_synced(dossier, deleted=(deleted("entries", "E3"),),
                                                   at=T0 + timedelta(hours=2)))
        await on_ledger_synced(conn, ledger_synced(dossier, entries=tuple(bookings()), at=T0))  # older: no effect
    await _same(pool, dossier)
    board = figures.dashboard(await ledger_reads.monthly(pool, dossier), 2026, Closing())
    assert board["months"][3]["turnover"] == D("3000") and board["months"][2]["turnover"] == D("-100")
    assert board["totals"]["documents"] == 4  # p1, p2, p6, p7 (E3 deleted)
