"""The accounting software side: what sync-connector wrote or read, and requests to sync."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Actor, JournalRef, PeriodRef
from contracts.money import Money

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


class LedgerSynced(Event):
    """sync-connector changed or read the accounting software: a proposal posted, a booking
    deleted (SYN-6), or a sync run finished (data resynced); also when that failed.
    """

    EVENT_TYPE: ClassVar[str] = "ledger.synced"
    SCHEMA_VERSION: ClassVar[int] = 1

    action: Literal["posted", "deleted", "resynced"]
    outcome: Literal["succeeded", "failed"] = "succeeded"
    error_reason: str | None = Field(default=None, description="why it failed, for the worklist or monitor")
    accounting_software: str = Field(description="adapter name, e.g. 'tryton'")
    proposal_id: UUID | None = Field(default=None, description="set for posted and deleted")
    document_id: UUID | None = None
    booking: Booking | None = Field(default=None, description="the booking posted or deleted")
    sync: SyncRun | None = Field(default=None, description="set for resynced")


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
