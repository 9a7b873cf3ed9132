"""REP-2: the six standard reports on the hand-made ledger; REP-4 ageing buckets and history figures."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from reporting.domain import aging, history, reports
from reporting.domain.figures import Closing
from reporting.domain.ledger import Item
from reporting_testkit import entries

TODAY = date(2026, 5, 1)
ITEMS = [
    Item("A", "receivable", D("100"), D("100"), date(2026, 5, 10), counterparty_reference="C1"),
    Item("B", "receivable", D("80"), D("50"), date(2026, 4, 20), counterparty_reference="C1"),
    Item("C", "receivable", D("30"), D("30"), date(2026, 4, 1), counterparty_reference="C2"),   # 30 days
    Item("D", "receivable", D("31"), D("31"), date(2026, 3, 31), counterparty_reference="C2"),  # 31 days
    Item("E", "receivable", D("61"), D("61"), date(2026, 3, 1), counterparty_reference="C2"),   # 61 days
    Item("F", "receivable", D("20"), D("20"), date(2026, 1, 1), counterparty_reference="C2", extra={"done": True}),
    Item("G", "receivable", D("500"), D("0"), date(2026, 1, 1), counterparty_reference="C1"),   # paid
    Item("H", "receivable", D("7"), D("7"), None, counterparty_reference="C1"),
    Item("P", "payable", D("999"), D("999"), date(2026, 1, 1), counterparty_reference="S1"),
]


def test_aged_buckets_split_on_their_boundaries():
    """REP-2 aged receivables: 30 days → 1-30, 31 → 31-60, 61 → 61-90, 120 → over 90; paid and payables ignored;
    no due date counts as not due."""
    got = aging.aged(ITEMS, "receivable", TODAY)
    assert got["totals"] == {"not_due": D("107"), "1_30": D("80"), "31_60": D("31"), "61_90": D("61"),
                             "over_90": D("20")}
    assert got["total"] == D("299")
    assert [(r["counterparty"], r["total"]) for r in got["counterparties"]] == [("C1", D("157")), ("C2", D("142"))]
    assert aging.aged(ITEMS, "payable", TODAY)["totals"]["over_90"] == D("999")


def test_history_key_figures_and_status():
    """REP-4: invoiced, open, overdue (done ticks not overdue), open/paid selection, overdue days."""
    receivables = [i for i in ITEMS if i.kind == "receivable"]
    assert [i.reference for i in history.select(receivables, "paid")] == ["G"]
    assert len(history.select(receivables, "open")) == 7
    figures = history.key_figures(receivables, TODAY)
    assert figures == {"invoiced": D("829"), "open": D("299"), "overdue": D("172"), "overdue_count": 4}
    assert history.row(ITEMS[1], TODAY)["overdue_days"] == 11 and history.row(ITEMS[6], TODAY)["overdue_days"] == 0


def test_profit_and_loss_by_class_and_month():
    """REP-2 profit and loss: income 70 per month (credit note deducted), charges 60/61/62, result per month."""
    got = reports.profit_and_loss(entries(), 2026)
    income = {r["class"]: r for r in got["income"]}
    charges = {r["class"]: r["total"] for r in got["charges"]}
    assert income["70"]["months"][:3] == [D("1000"), D("0"), D("1900.50")]
    assert charges == {"60": D("500"), "61": D("200"), "62": D("300")}
    assert got["result"]["months"][:3] == [D("500"), D("-500"), D("1900.50")]
    assert got["result"]["total"] == D("1900.50")
    assert reports.profit_and_loss(entries(), 2025)["income"] == []


def test_balance_by_class_balances_to_zero():
    """REP-2 balance by class: every account's debit/credit/balance by class; a balanced ledger sums to zero."""
    got = reports.balance_by_class(entries(), {"700000": "Omzet"})
    classes = {c["class"]: c for c in got["classes"]}
    assert classes["7"]["balance"] == D("-2900.50") and classes["6"]["balance"] == D("1000")
    assert classes["7"]["accounts"][0]["name"] == "Omzet"
    assert sum((c["balance"] for c in got["classes"]), D(0)) == 0


def test_vat_summary_per_period():
    """REP-2 VAT summary: 451 due, 411 deductible, balance per period and in total."""
    got = reports.vat_summary(entries(), 2026)
    assert [(p["period"], p["due"], p["deductible"], p["balance"]) for p in got["periods"]] == [
        ("2026-01", D("210"), D("105"), D("105")), ("2026-02", D("0"), D("42"), D("-42")),
        ("2026-03", D("399.11"), D("0"), D("399.11"))]
    assert got["total"]["balance"] == D("462.11")


def test_top_counterparties_ranked_by_amount():
    """REP-2 top counterparties: customers by turnover (credit note deducted), suppliers by charges."""
    got = reports.top_counterparties(entries(), 2026, {"C2": "Delhaize"}, limit=5)
    assert [(c["counterparty"], c["amount"]) for c in got["customers"]] == [("C2", D("2000.50")), ("C1", D("900"))]
    assert got["customers"][0]["name"] == "Delhaize"
    assert [(s["counterparty"], s["amount"]) for s in got["suppliers"]] == [("S1", D("500")), ("S2", D("200"))]
    assert len(reports.top_counterparties(entries(), 2026, {}, limit=1)["customers"]) == 1


def test_there_are_six_reports():
    """REP-2: six standard reports."""
    assert len(reports.REPORTS) == 6


def test_closed_periods_only_leaves_the_provisional_months_out_of_the_reports():
    """REP-2 with "closed periods only" (OFF-1): up to 2026-01-31 counts, February and March are left out of the
    profit and loss and named; without the setting nothing is left out."""
    closing = Closing(closed_only=True, updated_up_to=date(2026, 1, 31))
    kept = reports.settled(entries(), closing)
    assert {e.booking_date.month for e in kept} == {1}
    assert reports.profit_and_loss(kept, 2026)["result"]["total"] == D("500")
    assert reports.provisional_months(2026, closing)[:2] == ["2026-02", "2026-03"]
    assert reports.settled(entries(), Closing()) == entries() and reports.provisional_months(2026, Closing()) == []


def test_the_entries_behind_a_figure_carry_the_amount_on_its_accounts():
    """REP-2 drill-down: the turnover (70) of January is the entries with 70 lines, each with debit − credit on 70
    and its document; entries without such lines and provisional months are not listed."""
    rows = [{"reference": e.reference, "booking_date": e.booking_date, "period_code": e.period_code,
             "journal_code": e.journal_type, "counterparty_reference": e.counterparty_reference,
             "counterparty_name": None, "invoice_number": None, "document_id": None, "total": D(0),
             "lines": [{"account": ln.account, "debit": str(ln.debit), "credit": str(ln.credit)} for ln in e.lines]}
            for e in entries()]
    got = reports.drill(rows, ("70",), Closing())
    income = reports.profit_and_loss(entries(), 2026)["income"]
    assert -got["total"] == sum((r["total"] for r in income if r["class"] == "70"), D(0))
    assert {a for r in got["entries"] for a in r["accounts"]} == {"700000"}
    costs = reports.drill(rows, ("60", "61", "62"), Closing())
    assert costs["total"] == D("1000") and [r["reference"] for r in costs["entries"]] == ["E2", "E3", "E4"]
    closed = reports.drill(rows, ("70",), Closing(closed_only=True, updated_up_to=date(2026, 1, 31)))
    assert {r["booking_date"].month for r in closed["entries"]} == {1} and not closed["truncated"]
