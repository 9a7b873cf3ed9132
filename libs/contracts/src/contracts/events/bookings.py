"""What became of one proposal in the accounting software: its booking posted or deleted (SYN-2, SYN-6), or refused."""
from __future__ import annotations

from typing import Any, ClassVar, Literal
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



_V1_KEPT = ("event_id", "occurred_at", "correlation_id", "office_id", "dossier_id", "action", "outcome",
            "error_reason", "error_code", "error_params", "accounting_software", "proposal_id", "document_id",
            "booking")
"""The fields of a ledger.synced v1 posting outcome that booking.recorded v1 has under the same name and meaning."""


def from_ledger_synced_v1(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The booking.recorded v1 payload a ledger.synced v1 posting outcome stands for; None for a sync run.

    A v1 'posted' or 'deleted' event (succeeded or refused) said what booking.recorded says since the split:
    its outcome fields and envelope carry over as they are, the posting's master data but the booked entry (which is
    `booking`) becomes `records`. The event keeps the v1 event id: the same fact under the same id, so an inbox
    takes a redelivery for a duplicate — also one a service had applied from ledger.synced before its upgrade.
    `contracts.codec.rerouted` applies it.
    """
    action = payload.get("action", "resynced")
    if action not in ("posted", "deleted"):
        return None
    moved: dict[str, Any] = {name: payload[name] for name in _V1_KEPT if payload.get(name) is not None}
    moved["schema_version"] = 1
    master = {kind: records for kind, records in (payload.get("master_data") or {}).items()
              if kind not in ("entries", "part", "parts") and records}
    if master:
        moved["records"] = master
    return moved
