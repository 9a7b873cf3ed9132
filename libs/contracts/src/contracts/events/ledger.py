"""The accounting software side: what sync-connector wrote or read, and requests to sync."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Literal
from uuid import NAMESPACE_URL, UUID, uuid5

from pydantic import AwareDatetime, Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Actor, Iban, JournalRef, JournalType, Language, PeriodRef, VatNumber
from contracts.money import Currency, Money, Rate

SyncReason = Literal["manual", "nightly", "full"]
"""SYN-4 manual sync, SYN-3 nightly sync, SYN-5 full resync."""

MasterDataKind = Literal[
    "accounts", "counterparties", "journals", "periods", "vat_codes",
    "entries", "open_items", "bank_transactions",
]
"""What the accounting software is master of (SYN-1)."""


class PostedLine(ContractModel):
    """One line of a booking as written in the accounting software."""

    account: str
    vat_code: str | None = None
    debit: Money = Field(default=Decimal("0"))
    credit: Money = Field(default=Decimal("0"))
    description: str | None = None


class Booking(ContractModel):
    """A booking as the accounting software holds it; `reference` is its id there."""

    reference: str = Field(min_length=1, description="id of the entry in the accounting software")
    journal: JournalRef
    period: PeriodRef
    document_number: str | None = None
    booking_date: date
    counterparty_reference: str | None = None
    lines: tuple[PostedLine, ...] = ()
    total: Money
    final: bool = Field(default=False, description="posted as final entry rather than draft")
    document_kind: Literal["invoice", "credit_note", "entry"] | None = Field(
        default=None, description="supplier/customer invoice or credit note, or a plain entry")
    invoice_number: str | None = Field(default=None, description="the counterparty's own number (their reference)")
    invoice_date: date | None = None
    external_id: str | None = Field(
        default=None, description="our proposal id when the booking came from the booking factory")
    comment: str | None = None


class AccountRecord(ContractModel):
    """A general-ledger account of the dossier (PCMN code)."""

    code: str = Field(min_length=1, description="e.g. '604000'")
    name: str
    kind: Literal["expense", "revenue", "receivable", "payable", "asset", "liability", "equity", "other"] = "other"
    active: bool = True


class CounterpartyRecord(ContractModel):
    """A supplier or customer as the accounting software holds it (ENR-1 matches on these)."""

    reference: str = Field(min_length=1, description="its id in the accounting software")
    name: str
    vat_number: VatNumber | None = None
    enterprise_number: str | None = Field(default=None, pattern=r"^[0-9]{10}$", description="Belgian KBO/BCE number")
    ibans: tuple[Iban, ...] = ()
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    language: Language | None = None
    roles: tuple[Literal["supplier", "customer"], ...] = ()
    active: bool = True


class JournalRecord(ContractModel):
    """A journal with its number format and next number (ENR-4)."""

    code: str = Field(min_length=1)
    type: JournalType
    name: str | None = None
    number_format: str | None = Field(default=None, description="e.g. '{year}/{seq:05}'")
    next_number: int | None = Field(default=None, ge=1)
    credit_notes_only: bool = False
    active: bool = True


class PeriodRecord(ContractModel):
    """An accounting period and whether bookings may still go into it (ENR-3)."""

    code: str = Field(min_length=1, description="e.g. '2025-03'")
    start_date: date
    end_date: date
    state: Literal["open", "closed", "locked"] = "open"
    fiscal_year: str | None = Field(default=None, description="the fiscal year holding the period, as the accounting "
                                    "software names it (e.g. '2026'); document numbers follow it (ENR-4)")


class VatCodeRecord(ContractModel):
    """A VAT code of the dossier and the VAT return grids it feeds (ENR-2)."""

    code: str = Field(min_length=1)
    description: str | None = None
    direction: Literal["purchase", "sale"]
    rate: Rate | None = Field(default=None, description="percent")
    kind: Literal["goods", "services", "investments"] | None = None
    region: Literal["national", "eu", "non_eu"] | None = None
    reverse_charge: bool = False
    grids: tuple[str, ...] = Field(default=(), description="Belgian VAT return grids, e.g. ('81', '59')")
    active: bool = True


class OpenItem(ContractModel):
    """An open receivable or payable (PAY-, REP- features)."""

    reference: str = Field(min_length=1)
    kind: Literal["receivable", "payable"]
    counterparty_reference: str | None = None
    document_number: str | None = None
    invoice_number: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    amount: Money
    amount_open: Money
    currency: Currency = "EUR"
    external_id: str | None = Field(default=None, description="our proposal id when we booked it")


class BankTransaction(ContractModel):
    """A bank statement line the accounting software holds."""

    reference: str = Field(min_length=1)
    account_iban: Iban | None = None
    booking_date: date
    amount: Money = Field(description="positive = money in")
    currency: Currency = "EUR"
    counterparty_name: str | None = None
    counterparty_iban: Iban | None = None
    communication: str | None = None
    reconciled: bool = False


class DeletedRecord(ContractModel):
    """A record that no longer exists in the accounting software."""

    kind: MasterDataKind
    reference: str = Field(min_length=1, description="account/journal/period/VAT code, or the record's reference")


class MasterData(ContractModel):
    """Master-data records carried on ledger.synced (event-carried state transfer, SYN-1).

    Records are upserts keyed by code (accounts, journals, periods, VAT codes) or reference;
    `deleted` lists what disappeared. A large sync is split into parts of bounded size, each its
    own event; `part`/`parts` say which one this is. A replica applies every part as it comes.
    """

    part: int = Field(default=1, ge=1)
    parts: int = Field(default=1, ge=1)
    accounts: tuple[AccountRecord, ...] = ()
    counterparties: tuple[CounterpartyRecord, ...] = ()
    journals: tuple[JournalRecord, ...] = ()
    periods: tuple[PeriodRecord, ...] = ()
    vat_codes: tuple[VatCodeRecord, ...] = ()
    entries: tuple[Booking, ...] = Field(default=(), description="booking history (ENR-2 learning)")
    open_items: tuple[OpenItem, ...] = ()
    bank_transactions: tuple[BankTransaction, ...] = ()
    deleted: tuple[DeletedRecord, ...] = ()


class MasterDataChange(ContractModel):
    """How many records of one kind changed in a sync run; details come from sync-connector's API."""

    kind: MasterDataKind
    created: int = Field(default=0, ge=0)
    updated: int = Field(default=0, ge=0)
    deleted: int = Field(default=0, ge=0)


class SyncRun(ContractModel):
    """A synchronisation run with the accounting software (SYN-1, SYN-3..5, SYN-7)."""

    run_id: UUID
    reason: Literal["manual", "nightly", "full", "posting", "activation"]
    request_id: UUID | None = Field(default=None, description="event_id of the sync.requested that asked for it")
    started_at: AwareDatetime
    finished_at: AwareDatetime
    updated_up_to: date | None = Field(default=None, description="'accounting updated up to' after the run")
    active_period: str | None = Field(default=None, description="new active period code (SYN-4)")
    changes: tuple[MasterDataChange, ...] = ()
    sync_status: Literal["ok", "needs_support", "needs_collaborator"] = Field(
        default="ok", description="ACT-1 sync status shown in the active-clients monitor")
    instruction: str | None = Field(
        default=None, description="ACT-1: what the collaborator or support should do when the status is not ok")
    sent_counter_reset: bool = Field(
        default=False, description="SYN-4: the manual sync asked to reset the dossier's sent-proposals counter")


class LedgerSynced(Event):
    """sync-connector finished a sync run with the accounting software (SYN-1, SYN-3..5, SYN-7) — or it failed —
    with the master-data records that changed. What became of a single proposal (posted, deleted, refused) is on
    booking.recorded (`contracts.events.bookings.BookingRecorded`).

    v2: v1 carried postings and deletions too, under an `action` switch; `upcast_v1_v2` reads those.
    """

    EVENT_TYPE: ClassVar[str] = "ledger.synced"
    SCHEMA_VERSION: ClassVar[int] = 2

    outcome: Literal["succeeded", "failed"] = "succeeded"
    error_reason: str | None = Field(default=None, description="why it failed, for the monitor")
    error_code: str | None = Field(default=None, description="why it failed as a stable code, for a text in the "
                                   "reader's language")
    error_params: dict[str, str] = Field(default_factory=dict, description="the values the code's text names")
    accounting_software: str = Field(description="adapter name, e.g. 'tryton'")
    sync: SyncRun = Field(description="the run: why, when, the status it leaves (ACT-1), how many records changed")
    master_data: MasterData | None = Field(default=None, description="records that changed, or this part of them")


def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """ledger.synced v1 -> v2: the posting fields went to booking.recorded; `sync` is always there.

    A v1 'resynced' event keeps its run. A v1 'posted' or 'deleted' event becomes what it was for master data: a
    run of reason 'posting' (its own, or one at the event's time) with the records it carried — the posted booking
    among the entries, a deleted one among the deleted records — so a reader of ledger.synced alone loses nothing.
    The runtime's consumers do not hand such a posting outcome to a ledger.synced handler: it is a booking.recorded
    (`contracts.events.bookings.from_ledger_synced_v1`, rerouted by `contracts.codec.rerouted`).
    """
    action = payload.pop("action", "resynced")
    booking = payload.pop("booking", None)
    for moved in ("proposal_id", "document_id"):
        payload.pop(moved, None)
    if action == "resynced" and payload.get("sync") is not None:
        return payload
    if payload.get("sync") is None:
        at = payload.get("occurred_at")
        failed = payload.get("outcome") == "failed"
        payload["sync"] = {"run_id": str(uuid5(NAMESPACE_URL, f"ledger.synced:{payload.get('event_id')}")),
                           "reason": "posting" if action != "resynced" else "manual", "started_at": at,
                           "finished_at": at, "sync_status": "needs_support" if failed else "ok"}
    if booking and payload.get("outcome", "succeeded") == "succeeded" and action == "deleted":
        master = dict(payload.get("master_data") or {})
        gone = [{"kind": kind, "reference": booking["reference"]} for kind in ("entries", "open_items")]
        payload["master_data"] = {**master, "deleted": [*master.get("deleted", ()), *gone]}
    return payload


class SyncRequested(Event):
    """Someone (or the nightly schedule) asks sync-connector to synchronise a dossier (SYN-3..5).

    The event_id identifies the request.
    """

    EVENT_TYPE: ClassVar[str] = "sync.requested"
    SCHEMA_VERSION: ClassVar[int] = 1

    reason: SyncReason
    requested_by: Actor | None = Field(default=None, description="None for the nightly schedule")
    updated_up_to: date | None = Field(default=None, description="new 'accounting updated up to' (SYN-4)")
    reset_sent_counter: bool = Field(default=False, description="reset the sent-proposals counter (SYN-4)")
    notify_client: bool = Field(default=False, description="e-mail the client the standard message (SYN-4)")
    new_active_period: str | None = Field(default=None, description="period code; earlier periods close")
