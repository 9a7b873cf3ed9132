"""Learning: the final bookings (after the office's corrections) say which account and VAT code a counterparty gets."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from enrichment.domain.model import Account, VatCode

_LEARNABLE_KINDS = {"expense", "revenue", "asset"}


@dataclass(frozen=True)
class BookedLine:
    """A cost, revenue or investment line of a final booking."""

    account: str
    vat_code: str | None
    invoice_rate: Decimal | None


@dataclass(frozen=True)
class BookingFacts:
    """A final booking of the accounting software, reduced to what enrichment learns and deduplicates from."""

    reference: str
    booked_on: date
    counterparty_reference: str | None = None
    vat_number: str | None = None
    invoice_number: str | None = None
    invoice_date: date | None = None
    total: Decimal | None = None
    document_id: UUID | None = None  # ours, when the booking came from one of our proposals
    lines: tuple[BookedLine, ...] = ()
    words: tuple[str, ...] = ()  # what the booked document was about (ENR-2 words)


def learnable(account: str, accounts: dict[str, Account]) -> bool:
    """Costs, revenues and investments teach; payables, receivables and VAT accounts (class 4) do not."""
    if account.startswith("4"):
        return False
    known = accounts.get(account)
    if known is not None and known.kind != "other":
        return known.kind in _LEARNABLE_KINDS
    return account[:1] in ("2", "6", "7")


def booked_lines(posted: Iterable[tuple[str, str | None]], accounts: dict[str, Account],
                 vat_codes: dict[str, VatCode]) -> tuple[BookedLine, ...]:
    """The distinct (account, VAT code) pairs of a booking that a next proposal should repeat."""
    out: dict[tuple[str, str | None], BookedLine] = {}
    for account, code in posted:
        if learnable(account, accounts):
            known = vat_codes.get(code) if code else None
            out.setdefault((account, code), BookedLine(account, code, known.invoice_rate if known else None))
    return tuple(out.values())
