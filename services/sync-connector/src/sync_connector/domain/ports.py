"""The port to accounting software: one Protocol every adapter (Tryton first) implements."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol

from contracts.events.ledger import (
    AccountRecord, BankTransaction, Booking, CounterpartyRecord, JournalRecord, OpenItem, PeriodRecord, VatCodeRecord,
)

from sync_connector.domain.journals import JournalOutcome, JournalTemplate


@dataclass(frozen=True)
class OrderLine:
    """One line to book: GL account, our VAT code (a code the adapter published), net and VAT."""

    account: str
    net_amount: Decimal
    vat_code: str | None = None
    vat_amount: Decimal = Decimal("0")
    description: str | None = None
    vat_rate: Decimal | None = None  # percent; finds the software's own code when vat_code is not one


@dataclass(frozen=True)
class OrderParty:
    """The counterparty: its reference when known, else name + VAT number to find or create it."""

    reference: str | None
    name: str | None
    vat_number: str | None = None
    country: str | None = None
    iban: str | None = None


@dataclass(frozen=True)
class OrderTotals:
    """The amounts validated in the worklist: what the booking in the software must come to."""

    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class BookingOrder:
    """A validated proposal to post as a supplier/customer invoice or credit note (SYN-2)."""

    external_id: str
    direction: Literal["purchase", "sale"]
    kind: Literal["invoice", "credit_note"]
    journal_code: str
    period_code: str
    booking_date: date
    party: OrderParty
    lines: tuple[OrderLine, ...]
    total: Decimal
    document_number: str | None = None
    invoice_number: str | None = None
    invoice_date: date | None = None
    due_date: date | None = None
    comment: str | None = None
    payment_reference: str | None = None
    final: bool = True
    totals: OrderTotals | None = None  # the proposal's; None: its lines' net and VAT, and `total`

    def validated_totals(self) -> OrderTotals:
        """The net, VAT and gross the booking must come to (positive, a credit note's too)."""
        if self.totals is not None:
            return self.totals
        return OrderTotals(net=sum((line.net_amount for line in self.lines), Decimal("0")),
                           vat=sum((line.vat_amount for line in self.lines), Decimal("0")), gross=self.total)


@dataclass(frozen=True)
class Posted:
    """What posting produced: the booking as the software holds it, and a counterparty it created."""

    booking: Booking
    created_counterparty: CounterpartyRecord | None = None
    open_item: OpenItem | None = None
    already_there: bool = False


@dataclass(frozen=True)
class Removed:
    """What deleting a booking did: deleted (a draft), cancelled or credited (posted)."""

    booking: Booking | None
    how: Literal["deleted", "cancelled", "credited", "absent"]


@dataclass(frozen=True)
class MasterDataSet:
    """Everything the software is master of for one dossier (SYN-1)."""

    accounts: list[AccountRecord] = field(default_factory=list)
    counterparties: list[CounterpartyRecord] = field(default_factory=list)
    journals: list[JournalRecord] = field(default_factory=list)
    periods: list[PeriodRecord] = field(default_factory=list)
    vat_codes: list[VatCodeRecord] = field(default_factory=list)
    entries: list[Booking] = field(default_factory=list)
    open_items: list[OpenItem] = field(default_factory=list)
    bank_transactions: list[BankTransaction] = field(default_factory=list)


@dataclass(frozen=True)
class DossierInfo:
    """The dossier as found in the software at activation (SYN-7)."""

    dossier_code: str
    name: str
    vat_number: str | None = None


class AccountingAdapter(Protocol):
    """One installation of an accounting software, reached per dossier code.

    Contract (tests/integration/test_adapter_contract.py runs it against every adapter):
    - `find_dossier` returns the dossier or raises DossierNotFound; nothing else raises it.
    - `post_booking` is idempotent on `order.external_id`: posting twice returns the first booking
      (`already_there=True`), never a second one. A rule of the software refusing the booking
      (closed period, unknown account or VAT code, locked year) raises SoftwareRejected with a
      readable reason and leaves nothing behind; an unreachable software raises SoftwareUnavailable.
    - `find_booking` returns the booking posted with that external id, or None.
    - `delete_booking` removes it (a draft is deleted, a posted one cancelled or credited);
      deleting an absent booking answers `how='absent'`.
    - `read_*` return the current state; a change made in the software shows up in the next read.
    - `close_periods_before` closes every open period ending before the period given.
    - `ensure_journals` creates the journals of the templates the dossier lacks (by code) and says of each whether
      it was created or existed: a second call creates nothing (SYN-8).
    """

    name: str

    async def find_dossier(self, dossier_code: str) -> DossierInfo: ...

    async def read_master_data(self, dossier_code: str) -> MasterDataSet: ...

    async def read_entries(self, dossier_code: str) -> list[Booking]: ...

    async def read_open_items(self, dossier_code: str) -> list[OpenItem]: ...

    async def read_bank_transactions(self, dossier_code: str) -> list[BankTransaction]: ...

    async def find_booking(self, dossier_code: str, external_id: str) -> Booking | None: ...

    async def post_booking(self, dossier_code: str, order: BookingOrder) -> Posted: ...

    async def delete_booking(self, dossier_code: str, external_id: str) -> Removed: ...

    async def close_periods_before(self, dossier_code: str, period_code: str) -> list[str]: ...

    async def ensure_journals(self, dossier_code: str, wanted: list[JournalTemplate]) -> list[JournalOutcome]: ...

    async def close(self) -> None: ...
