"""REP-1, REP-6, OFF-1: key figures, monthly series, provisional months and balances of the hand-made ledger."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from reporting.domain.figures import Closing, Period, balances, dashboard, key_figures
from reporting.domain.ledger import lines_of
from reporting_testkit import entries

ALL_CLOSED = tuple(Period(date(2026, m, 1), date(2026, m, 28), "closed") for m in range(1, 4))


def test_key_figures_of_the_whole_ledger_are_exact():
    """REP-1: turnover 70 credit−debit (credit note deducted), purchases 60-61, other costs 62-64, margin, result,
    VAT 451 − 411, documents posted by us."""
    assert key_figures(entries()) == {
        "turnover": D("2900.50"), "purchases": D("700"), "other_costs": D("300"), "gross_margin": D("2200.50"),
        "result": D("1900.50"), "vat_balance": D("462.11"), "documents": 5}


def test_monthly_series_without_the_setting_counts_every_month():
    """REP-1: series per month; with the setting off nothing is provisional, whatever the updated-up-to date."""
    got = dashboard(entries(), 2026, Closing(False, date(2026, 1, 31)))
    months = {m["month"]: m for m in got["months"]}
    assert len(got["months"]) == 12 and not any(m["provisional"] for m in got["months"])
    assert months["2026-02"]["result"] == D("-500") and months["2026-02"]["vat_balance"] == D("-42")
    assert months["2026-03"]["turnover"] == D("1900.50") and months["2026-03"]["documents"] == 2
    assert got["totals"]["turnover"] == D("2900.50")


def test_months_after_updated_up_to_are_provisional_and_left_out_of_the_totals():
    """REP-1, OFF-1: closed periods only, updated up to 28 Feb: March onwards greyed, totals of Jan-Feb only."""
    got = dashboard(entries(), 2026, Closing(True, date(2026, 2, 28), ALL_CLOSED))
    flags = [m["provisional"] for m in got["months"]]
    assert flags == [False, False] + [True] * 10
    assert got["totals"] == {"turnover": D("1000"), "purchases": D("700"), "other_costs": D("300"),
                             "gross_margin": D("300"), "result": D("0"), "vat_balance": D("63"), "documents": 3}
    assert got["months"][2]["turnover"] == D("1900.50")  # still shown, greyed


def test_a_month_in_an_open_period_is_provisional_even_before_updated_up_to():
    """REP-1: March is before "updated up to" but its period is still open → provisional."""
    open_march = ALL_CLOSED[:2] + (Period(date(2026, 3, 1), date(2026, 3, 31), "open"),)
    got = dashboard(entries(), 2026, Closing(True, date(2026, 3, 31), open_march))
    assert [m["provisional"] for m in got["months"][:3]] == [False, False, True]
    assert got["totals"]["turnover"] == D("1000")
    assert all(m["provisional"] for m in dashboard(entries(), 2026, Closing(True, None))["months"])


def test_balances_of_receivables_payables_and_transfers():
    """REP-6: debit − credit of 40, 44, 58, cash (55, 57: REP-1) and a dashboard account (DOS-5)."""
    got = balances(lines_of(entries()), ["550000"])
    assert got == {"receivables": D("3509.61"), "payables": D("-847"), "internal_transfers": D("50"),
                   "cash": D("-350"), "550000": D("-350")}


def test_balances_of_receivables_and_payables_come_from_the_open_items_when_there_are_some():
    """REP-6: receivables = Σ open receivables, payables = −Σ open payables (paid items ignored), whether or not
    entry lines touch 40/44 — payments settling the invoices need not be entries; without open items the lines."""
    from reporting.domain.ledger import Item, Line
    items = [Item("R1", "receivable", D("100"), D("60"), None), Item("R2", "receivable", D("9"), D("0"), None),
             Item("P1", "payable", D("40"), D("40"), None)]
    got = balances([Line("604000", D("10"))], (), items)
    assert got["receivables"] == D("60") and got["payables"] == D("-40") and got["internal_transfers"] == 0
    with_lines = balances(lines_of(entries()), (), items)
    assert with_lines["receivables"] == D("60") and with_lines["payables"] == D("-40")
    assert with_lines["internal_transfers"] == D("50")  # 58 still from the entries


def test_cash_adds_the_bank_statements_lines_to_the_entries_on_55_and_57():
    """Issue 17 item 4 (REP-6): Tryton's statement moves are no entries, so the statements' lines (money in
    positive) are added to what the entries hold on 55/57; without statements cash is the entries' alone."""
    assert balances(lines_of(entries()), (), None, D("1200.50"))["cash"] == D("850.50")
    assert balances([], (), None, D("-75.25"))["cash"] == D("-75.25")
    assert balances(lines_of(entries()))["cash"] == D("-350")
