"""An in-memory accounting software that keeps the adapter contract: for unit tests and as the
model the contract suite holds the Tryton adapter to."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.ledger import (
    AccountRecord, BankTransaction, Booking, CounterpartyRecord, JournalRecord, OpenItem, PeriodRecord, PostedLine,
    VatCodeRecord,
)

from sync_connector.domain.errors import DossierNotFound, SoftwareRejected, SoftwareUnavailable, sales_number_order
from sync_connector.domain.journals import JournalOutcome, JournalTemplate, outcomes
from sync_connector.domain.orders import check_totals
from sync_connector.domain.ports import BookingOrder, DossierInfo, MasterDataSet, Posted, Removed
from sync_connector.domain.vat_rounding import rounding_only, validated_vat


@dataclass
class FakeDossier:
    """One dossier of the fake software."""

    name: str
    vat_number: str | None = None
    accounts: dict[str, AccountRecord] = field(default_factory=dict)
    counterparties: dict[str, CounterpartyRecord] = field(default_factory=dict)
    journals: dict[str, JournalRecord] = field(default_factory=dict)
    periods: dict[str, PeriodRecord] = field(default_factory=dict)
    vat_codes: dict[str, VatCodeRecord] = field(default_factory=dict)
    bookings: dict[str, Booking] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # booking reference -> draft/posted/cancelled
    bank: list[BankTransaction] = field(default_factory=list)
    locked_years: set[int] = field(default_factory=set)
    # sales documents numbered from a sequence per (year, kind): the last date numbered (Tryton's date rule)
    sales_numbered: dict[tuple[int, str], date] = field(default_factory=dict)
    # the VAT accounts of Tryton's Belgian chart (411 deductible, 451 due)
    vat_accounts: dict[str, str] = field(default_factory=lambda: {"purchase": "411", "sale": "451"})


def _posted(account: str, amount: Decimal, debit_side: bool, vat_code: str | None = None,
            description: str | None = None) -> PostedLine:
    """A line with the amount on its side; a negative amount goes to the other side (as Tryton)."""
    on_debit = (amount >= 0) == debit_side
    return PostedLine(account=account, vat_code=vat_code, debit=abs(amount) if on_debit else Decimal("0"),
                      credit=Decimal("0") if on_debit else abs(amount), description=description)


class FakeAdapter:
    """AccountingAdapter in memory; `down = True` makes every call raise SoftwareUnavailable."""

    name = "fake"

    def __init__(self, suspense_account: str = "499000") -> None:
        self.dossiers: dict[str, FakeDossier] = {}
        self.suspense = suspense_account
        self.down = False
        self.posts = 0  # bookings actually written (not the idempotent repeats)
        self._seq = 0

    def _get(self, code: str) -> FakeDossier:
        if self.down:
            raise SoftwareUnavailable("fake accounting software is down")
        try:
            return self.dossiers[code.lower()]
        except KeyError:
            raise DossierNotFound(f"no dossier {code!r}") from None

    async def close(self) -> None:
        return None

    async def find_dossier(self, dossier_code: str) -> DossierInfo:
        d = self._get(dossier_code)
        return DossierInfo(dossier_code=dossier_code, name=d.name, vat_number=d.vat_number)

    async def read_master_data(self, dossier_code: str) -> MasterDataSet:
        d = self._get(dossier_code)
        return MasterDataSet(
            accounts=list(d.accounts.values()), counterparties=list(d.counterparties.values()),
            journals=list(d.journals.values()), periods=list(d.periods.values()), vat_codes=list(d.vat_codes.values()),
            entries=await self.read_entries(dossier_code), open_items=await self.read_open_items(dossier_code),
            bank_transactions=list(d.bank))

    async def read_entries(self, dossier_code: str) -> list[Booking]:
        d = self._get(dossier_code)
        return [b for ref, b in d.bookings.items() if d.states[ref] != "cancelled"]

    async def read_open_items(self, dossier_code: str) -> list[OpenItem]:
        d = self._get(dossier_code)
        return [OpenItem(reference=b.reference, kind="payable" if b.journal.type == "purchases" else "receivable",
                         counterparty_reference=b.counterparty_reference, document_number=b.document_number,
                         invoice_number=b.invoice_number, issue_date=b.invoice_date, due_date=b.invoice_date,
                         amount=b.total, amount_open=b.total, external_id=b.external_id)
                for ref, b in d.bookings.items() if d.states[ref] == "posted" and b.document_kind != "entry"]

    async def read_bank_transactions(self, dossier_code: str) -> list[BankTransaction]:
        return list(self._get(dossier_code).bank)

    async def find_booking(self, dossier_code: str, external_id: str) -> Booking | None:
        d = self._get(dossier_code)
        return next((b for ref, b in d.bookings.items() if b.external_id == external_id
                     and d.states[ref] != "cancelled"), None)

    def _check(self, d: FakeDossier, order: BookingOrder) -> PeriodRecord:
        period = d.periods.get(order.period_code)
        if period is None:
            raise SoftwareRejected(f"no period {order.period_code}", kind="PeriodNotFound")
        if period.start_date.year in d.locked_years:
            raise SoftwareRejected(f"the fiscal year of period {period.code} is locked", kind="LockedYear")
        if period.state != "open":
            raise SoftwareRejected(f"period {period.code} is {period.state}", kind="ClosedPeriod")
        for line in order.lines:
            if line.account not in d.accounts or not d.accounts[line.account].active:
                raise SoftwareRejected(f"account {line.account} does not exist", kind="UnknownAccount")
            if line.vat_code and self._vat_code(d, line, order.direction) is None:
                raise SoftwareRejected(f"VAT code {line.vat_code} does not exist", kind="UnknownVatCode")
        return period

    @staticmethod
    def _vat_code(d: FakeDossier, line, direction: str) -> str | None:
        """The line's code, else the national goods code of that direction and rate (as Tryton's adapter)."""
        if line.vat_code in d.vat_codes:
            return line.vat_code
        prefix = "achat_marchandises_" if direction == "purchase" else "vente_biens_"
        return next((c for c, r in d.vat_codes.items() if line.vat_rate is not None and c.startswith(prefix)
                     and r.region == "national" and not r.reverse_charge and r.rate == line.vat_rate.normalize()),
                    None)

    @staticmethod
    def _number_sale(d: FakeDossier, order: BookingOrder) -> None:
        """As Tryton with the bf_external_id module: a sales document keeps the client's own number; one
        without is numbered from its year's sequence, which refuses a date before the last one numbered."""
        if order.invoice_number:
            return
        on, key = order.invoice_date or order.booking_date, (order.booking_date.year, order.kind)
        last = d.sales_numbered.get(key)
        if last is not None and last > on:
            raise sales_number_order(date=on.isoformat(), sequence=f"{key[1]} {key[0]}",
                                     after_invoice=f"the one of {last.isoformat()}")
        d.sales_numbered[key] = on

    def _party(self, d: FakeDossier, order: BookingOrder) -> tuple[str, CounterpartyRecord | None]:
        p = order.party
        if p.reference and p.reference in d.counterparties:
            return p.reference, None
        for ref, known in d.counterparties.items():
            if p.vat_number and known.vat_number == p.vat_number:
                return ref, None
        self._seq += 1
        role = "supplier" if order.direction == "purchase" else "customer"
        created = CounterpartyRecord(reference=f"p{self._seq}", name=p.name or p.vat_number or "?",
                                     vat_number=p.vat_number, ibans=(p.iban,) if p.iban else (), roles=(role,))
        d.counterparties[created.reference] = created
        return created.reference, created

    @staticmethod
    def _party_account(order: BookingOrder) -> str:
        return "440000" if order.direction == "purchase" else "400000"

    def _lines(self, d: FakeDossier, order: BookingOrder) -> tuple[PostedLine, ...]:
        """As Tryton posts an invoice: its lines, one VAT line per VAT code (the rate on the summed bases,
        on the direction's VAT account), and the total on the party's payable/receivable account."""
        debit_side = (order.direction == "purchase") != (order.kind == "credit_note")
        lines, bases = [], {}
        for line in order.lines:
            code = self._vat_code(d, line, order.direction)
            lines.append(_posted(line.account, line.net_amount, debit_side, code, line.description))
            if code is not None:
                bases[code] = bases.get(code, Decimal("0")) + line.net_amount
        wanted, counts = validated_vat(order, lambda line: self._vat_code(d, line, order.direction))
        sign = Decimal(-1) if order.kind == "credit_note" else Decimal(1)
        for code, base in bases.items():
            rate = d.vat_codes[code].rate or Decimal("0")
            vat = (base * rate / 100).quantize(Decimal("0.01"))
            if code in wanted and rounding_only(sign * vat, wanted[code], counts[code]):
                vat = sign * wanted[code]  # as the Tryton adapter: the validated VAT, not a cent off (issue 15)
            if vat:
                lines.append(_posted(d.vat_accounts[order.direction], vat, debit_side, code,
                                     f"VAT {rate.normalize()}%"))
        gross = sum((line.debit - line.credit for line in lines), Decimal("0"))
        lines.append(PostedLine(account=self._party_account(order), debit=max(-gross, Decimal("0")),
                                credit=max(gross, Decimal("0")), description=order.document_number))
        return tuple(lines)

    def _suspense_lines(self, order: BookingOrder) -> tuple[PostedLine, ...]:
        """No lines: the total on the suspense account against the payable/receivable."""
        debit_side = (order.direction == "purchase") != (order.kind == "credit_note")
        total = abs(order.total)
        return (_posted(self.suspense, total, debit_side), _posted(self._party_account(order), total, not debit_side))

    async def post_booking(self, dossier_code: str, order: BookingOrder) -> Posted:
        d = self._get(dossier_code)
        existing = await self.find_booking(dossier_code, order.external_id)
        if existing is not None:
            return Posted(booking=existing, already_there=True)
        period = self._check(d, order)
        posted_lines = self._lines(d, order) if order.lines else self._suspense_lines(order)
        if order.lines:  # as the Tryton adapter: the amounts it would book against the validated ones
            n, amount = len(order.lines), lambda lines: abs(sum((x.debit - x.credit for x in lines), Decimal("0")))
            check_totals(order, amount(posted_lines[:n]), amount(posted_lines[n:-1]), amount(posted_lines[-1:]))
        if order.final and order.direction == "sale":
            self._number_sale(d, order)
        party, created = self._party(d, order)
        self._seq += 1
        self.posts += 1
        purchase = order.direction == "purchase"
        booking = Booking(
            reference=f"invoice:{self._seq}",
            journal=JournalRef(code=order.journal_code, type="purchases" if purchase else "sales"),
            period=PeriodRef(code=period.code, start_date=period.start_date, end_date=period.end_date),
            document_number=order.document_number, booking_date=order.booking_date, counterparty_reference=party,
            lines=posted_lines,
            total=posted_lines[-1].debit + posted_lines[-1].credit,  # the party line, last
            final=order.final, document_kind=order.kind, invoice_number=order.invoice_number,
            invoice_date=order.invoice_date, external_id=order.external_id, comment=order.comment)
        d.bookings[booking.reference] = booking
        d.states[booking.reference] = "posted" if order.final else "draft"
        items = [i for i in await self.read_open_items(dossier_code) if i.reference == booking.reference]
        return Posted(booking=booking, created_counterparty=created, open_item=items[0] if items else None)

    async def delete_booking(self, dossier_code: str, external_id: str) -> Removed:
        d = self._get(dossier_code)
        booking = await self.find_booking(dossier_code, external_id)
        if booking is None:
            return Removed(booking=None, how="absent")
        if d.states[booking.reference] == "draft":
            del d.bookings[booking.reference], d.states[booking.reference]
            return Removed(booking=booking, how="deleted")
        d.states[booking.reference] = "cancelled"
        d.bookings[booking.reference] = booking.model_copy(update={"external_id": None})
        # as Tryton: a supplier invoice is cancelled, a customer invoice credited
        if booking.journal.type == "purchases":
            return Removed(booking=booking, how="cancelled")
        self._credit(d, booking)
        return Removed(booking=booking, how="credited")

    def _credit(self, d: FakeDossier, booking: Booking) -> None:
        """The credit note settling a withdrawn customer invoice, dated like it (paid: never open)."""
        self._seq += 1
        swapped = tuple(line.model_copy(update={"debit": line.credit, "credit": line.debit}) for line in booking.lines)
        credit = booking.model_copy(update={"reference": f"invoice:{self._seq}", "lines": swapped,
                                            "document_kind": "credit_note", "external_id": None,
                                            "invoice_number": None})
        d.bookings[credit.reference], d.states[credit.reference] = credit, "paid"

    async def close_periods_before(self, dossier_code: str, period_code: str) -> list[str]:
        d = self._get(dossier_code)
        target = d.periods.get(period_code)
        if target is None:
            raise SoftwareRejected(f"no period {period_code}", kind="PeriodNotFound")
        closed = [p.code for p in d.periods.values() if p.start_date < target.start_date and p.state == "open"]
        drafts = {b.period.code for ref, b in d.bookings.items() if d.states[ref] == "draft"}
        if drafts & set(closed):
            raise SoftwareRejected(f"period {min(drafts & set(closed))} has draft entries", kind="ClosePeriodError")
        for code in closed:
            d.periods[code] = d.periods[code].model_copy(update={"state": "closed"})
        return closed

    async def ensure_journals(self, dossier_code: str, wanted: list[JournalTemplate]) -> list[JournalOutcome]:
        d = self._get(dossier_code)
        planned = outcomes(wanted, d.journals)
        for o in planned:
            if o.outcome == "created":
                d.journals[o.code] = JournalRecord(code=o.code, type=o.kind, name=o.name)
        return planned
