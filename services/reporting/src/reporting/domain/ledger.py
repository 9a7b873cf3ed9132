"""The ledger as reporting reads it: entries with their lines, open items, and account classes (PCMN)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    """One line of an entry: a PCMN account with its debit and credit."""

    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    vat_code: str | None = None

    def starts(self, *prefixes: str) -> bool:
        return self.account.startswith(prefixes)


@dataclass(frozen=True)
class Entry:
    """A posted entry of the dossier as the accounting software holds it."""

    reference: str
    journal_type: str
    period_code: str
    booking_date: date
    lines: tuple[Line, ...] = ()
    counterparty_reference: str | None = None
    external_id: str | None = None
    documents: int | None = None  # a month's totals stand for many entries: how many of them we posted

    @property
    def posted(self) -> int:
        """How many entries the booking factory posted this stands for (one entry: 1 when it carries our id)."""
        return self.documents if self.documents is not None else int(bool(self.external_id))


@dataclass(frozen=True)
class Item:
    """An open (or settled) receivable or payable; ``amount_open`` 0 means paid."""

    reference: str
    kind: str
    amount: Decimal
    amount_open: Decimal
    due_date: date | None = None
    issue_date: date | None = None
    counterparty_reference: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def paid(self) -> bool:
        return self.amount_open <= 0

    def overdue_days(self, today: date) -> int:
        """Days past the due date while something is still open; 0 when not due, paid or without a due date."""
        if self.paid or self.due_date is None or self.due_date >= today:
            return 0
        return (today - self.due_date).days


def credit_minus_debit(lines: list[Line] | tuple[Line, ...], *prefixes: str) -> Decimal:
    """Σ credit − debit of the lines whose account starts with one of the prefixes (revenue side)."""
    return sum((ln.credit - ln.debit for ln in lines if ln.starts(*prefixes)), ZERO)


def debit_minus_credit(lines: list[Line] | tuple[Line, ...], *prefixes: str) -> Decimal:
    """Σ debit − credit of the lines whose account starts with one of the prefixes (cost / asset side)."""
    return sum((ln.debit - ln.credit for ln in lines if ln.starts(*prefixes)), ZERO)


def lines_of(entries: list[Entry]) -> list[Line]:
    return [ln for e in entries for ln in e.lines]
