"""REP-1 key figures and monthly series, REP-6 balances: what the dashboard shows, from posted entries.

Definitions (PCMN classes, amounts in EUR, signs so that a normal business shows positive numbers):
- turnover      = Σ credit − debit on accounts 70*
- purchases     = Σ debit − credit on accounts 60*, 61* (goods, raw materials, services and other goods)
- other_costs   = Σ debit − credit on accounts 62*, 63*, 64* (remuneration, depreciation, other operating)
- gross_margin  = turnover − purchases
- result        = Σ credit − debit on class 7 − Σ debit − credit on class 6
- vat_balance   = VAT due (451*, credit − debit) − VAT deductible (411*, debit − credit):
                  > 0 to pay, < 0 to receive
- documents     = entries the booking factory posted (they carry our proposal id)
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reporting.domain.ledger import ZERO, Entry, Item, Line, credit_minus_debit, debit_minus_credit, lines_of

FIGURES = ("turnover", "purchases", "other_costs", "gross_margin", "result", "vat_balance", "documents")
BALANCE_PREFIXES = {"receivables": ("40",), "payables": ("44",), "internal_transfers": ("58",),
                    "cash": ("55", "57")}  # REP-1 cash: bank accounts and cash desks


@dataclass(frozen=True)
class Period:
    """An accounting period and whether it is still open."""

    start_date: date
    end_date: date
    state: str

    @property
    def closed(self) -> bool:
        return self.state in ("closed", "locked")


@dataclass(frozen=True)
class Closing:
    """What decides which months count (OFF-1, DOS-1): the setting, the updated-up-to date, the periods."""

    closed_only: bool = False
    updated_up_to: date | None = None
    periods: tuple[Period, ...] = ()

    def provisional(self, year: int, month: int) -> bool:
        """A month is provisional (greyed, left out of totals) when the setting is on and the month ends after
        "accounting updated up to" (or none is known), or a period overlapping it is still open."""
        if not self.closed_only:
            return False
        start = date(year, month, 1)
        end = date(year, month, calendar.monthrange(year, month)[1])
        if self.updated_up_to is None or end > self.updated_up_to:
            return True
        return any(not p.closed for p in self.periods if p.start_date <= end and p.end_date >= start)


def key_figures(entries: Iterable[Entry]) -> dict[str, Decimal | int]:
    """The key figures of a set of entries (see the module docstring)."""
    entries = list(entries)
    lines = lines_of(entries)
    turnover = credit_minus_debit(lines, "70")
    purchases = debit_minus_credit(lines, "60", "61")
    return {
        "turnover": turnover,
        "purchases": purchases,
        "other_costs": debit_minus_credit(lines, "62", "63", "64"),
        "gross_margin": turnover - purchases,
        "result": credit_minus_debit(lines, "7") - debit_minus_credit(lines, "6"),
        "vat_balance": credit_minus_debit(lines, "451") - debit_minus_credit(lines, "411"),
        "documents": sum(e.posted for e in entries),
    }


def dashboard(entries: Iterable[Entry], year: int, closing: Closing) -> dict:
    """Monthly series of the year's key figures, each month flagged provisional or not, and the totals of the
    months that are not provisional."""
    by_month: dict[int, list[Entry]] = {m: [] for m in range(1, 13)}
    for e in entries:
        if e.booking_date.year == year:
            by_month[e.booking_date.month].append(e)
    months = []
    counted: list[Entry] = []
    for month, in_month in by_month.items():
        provisional = closing.provisional(year, month)
        if not provisional:
            counted.extend(in_month)
        months.append({"month": f"{year}-{month:02d}", "provisional": provisional, **key_figures(in_month)})
    return {"year": year, "closed_periods_only": closing.closed_only, "totals": key_figures(counted),
            "months": months}


def balances(lines: Iterable[Line], extra_accounts: Iterable[str] = (),
             open_items: Iterable[Item] | None = None, bank_movements: Decimal = ZERO) -> dict[str, Decimal]:
    """REP-6: debit − credit balances of receivables (40), payables (44), internal transfers (58), cash (55, 57) and the
    dossier's dashboard accounts (DOS-5), over every entry up to now.

    When the accounting software publishes open items, receivables and payables come from them (Σ open
    receivables, − Σ open payables): the entries carry the invoices' lines on 40/44, but not always the payments
    that settle them (Tryton's statement moves are not entries), so only the open items know what is still due.
    Without open items, the entries' lines on 40/44 are all there is.

    Cash is the entries' 55/57 (opening balances, hand-made bank entries) plus ``bank_movements``, the sum of the
    bank statements' lines (money in positive): a statement's moves are no entries either (issue 17 item 4 — the
    demo dossier Dupont showed 0.00 after a sync while Tryton's 550000 held every statement)."""
    lines = list(lines)
    found = {name: debit_minus_credit(lines, *prefixes) for name, prefixes in BALANCE_PREFIXES.items()}
    found["cash"] += bank_movements
    items = list(open_items or ())
    for name, kind, sign in (("receivables", "receivable", 1), ("payables", "payable", -1)):
        if items:
            found[name] = sign * sum((i.amount_open for i in items if i.kind == kind and not i.paid), ZERO)
    for account in extra_accounts:
        found[account] = debit_minus_credit(lines, account)
    return {k: v if v else ZERO for k, v in found.items()}
