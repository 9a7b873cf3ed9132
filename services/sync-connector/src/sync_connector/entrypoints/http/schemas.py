"""What the sync-connector's sync, review and monitor routes answer, as response models (issue 19 item 5), so
docs/openapi/sync-connector.json says what the code does. The routes write their answers with jsonable_encoder
first: times and dates are ISO 8601 text, as before."""
from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

DateTimeText = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
DateText = Annotated[str, Field(json_schema_extra={"format": "date"})]


class SyncRunOut(BaseModel):
    """One sync run: why, when, how it ended and what it changed (ACT-2)."""

    run_id: UUID
    reason: str
    request_id: UUID | None
    started_at: DateTimeText | None
    finished_at: DateTimeText | None
    outcome: str | None
    error_reason: str | None
    instruction: str | None
    instruction_code: str | None
    instruction_params: dict[str, Any] | None
    changes: list[Any] | None
    sync_status: str | None
    updated_up_to: DateText | None
    active_period: str | None


class SyncStatusOut(BaseModel):
    """A dossier's link to its accounting software, its sync status with the instruction, and its last runs."""

    dossier_id: UUID
    software: str | None
    installation: str | None
    dossier_code: str | None
    activated: bool
    activated_at: DateTimeText | None
    sync_status: str | None
    instruction: str | None
    instruction_code: str | None
    instruction_params: dict[str, Any]
    status_since: DateTimeText | None
    support_alerted_at: DateTimeText | None
    updated_up_to: DateText | None
    active_period: str | None
    nightly_sync: bool
    periods: list[str]
    runs: list[SyncRunOut]


class SyncAskedOut(BaseModel):
    """A sync request accepted (202): it runs asynchronously."""

    request_id: UUID
    reason: Literal["manual", "full"]


class AccountChangeOut(BaseModel):
    change_id: UUID
    code: str
    change: Literal["created", "updated", "deleted"]
    name: str | None
    account_kind: str | None
    found_at: DateTimeText | None
    run_id: UUID | None


class ActivationJournalOut(BaseModel):
    code: str
    name: str | None
    kind: str | None
    outcome: Literal["created", "existed"]
    recorded_at: DateTimeText | None


class AccountReviewOut(BaseModel):
    """SYN-8: account changes waiting for review, and the journals made at activation."""

    pending: list[AccountChangeOut]
    journals: list[ActivationJournalOut]


class AcceptedOut(BaseModel):
    accepted: list[UUID]
    pending: int


class MonitorRowOut(BaseModel):
    dossier_id: UUID
    linked: bool
    sync_status: str | None
    instruction: str | None
    instruction_code: str | None
    instruction_params: dict[str, Any]
    status_since: DateTimeText | None
    support_alerted_at: DateTimeText | None
    last_run_at: DateTimeText | None
    last_run_outcome: str | None


class SyncMonitorOut(BaseModel):
    """ACT-1: the sync columns of the active-clients monitor, per dossier the caller may see."""

    items: list[MonitorRowOut]
