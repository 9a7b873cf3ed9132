"""What became of one proposal in the accounting software: its booking posted or deleted (SYN-2, SYN-6), or refused."""
from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import Event
from contracts.events.ledger import Booking, MasterData


class BookingRecorded(Event):
    """sync-connector posted a validated proposal in the accounting software (SYN-2) or deleted the booking of a
    withdrawn one (SYN-6) — or the software refused it. One event per attempt, keyed by dossier; the sync runs and
    the master data they read are on ledger.synced.
    """

    EVENT_TYPE: ClassVar[str] = "booking.recorded"
    SCHEMA_VERSION: ClassVar[int] = 1

    action: Literal["posted", "deleted"]
    outcome: Literal["succeeded", "failed"] = "succeeded"
    error_reason: str | None = Field(default=None, description="why it failed, for the worklist or monitor")
    error_code: str | None = Field(default=None, description="why it failed as a stable code (e.g. TotalsDiffer, "
                                   "ClosedPeriod), for a text in the reader's language")
    error_params: dict[str, str] = Field(default_factory=dict, description="the values the code's text names")
    accounting_software: str = Field(description="adapter name, e.g. 'tryton'")
    proposal_id: UUID = Field(description="the proposal posted, or whose booking was deleted")
    document_id: UUID | None = None
    booking: Booking | None = Field(default=None, description="the booking posted or deleted (succeeded only)")
    records: MasterData | None = Field(
        default=None, description="records the posting created in the accounting software besides the booking "
        "(a new counterparty, the booking's open item), for replicas of its master data")

