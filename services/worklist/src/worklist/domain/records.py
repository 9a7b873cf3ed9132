"""The worklist's stored things as typed records: a proposal, a document's file, a kept version (undo), and the
change a use case makes to a proposal with the events it records."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.envelope import Event

from worklist.domain.proposal import list_columns

JsonObject = dict[str, Any]
"""A JSON document as stored (a proposal's content, an actor, the software's refusal parameters)."""

UNTOUCHED = ("technical_error", "unrecognized", "incomplete", "complete", "complete_new_counterparty", "to_file")
"""Statuses a proposal nobody worked on can have: a later proposal.created may still replace it."""


@dataclass(frozen=True)
class Proposal:
    """A booking proposal of a dossier's worklist: its content (proposal.created's shape), where it stands, and
    what people set on it. ``version`` grows with every write."""

    proposal_id: UUID
    office_id: UUID
    dossier_id: UUID
    document_id: UUID
    mailbox: str
    status: str
    auto_status: str
    content: JsonObject
    processed_at: datetime
    version: int = 1
    page_count: int | None = None
    confidence: float | None = None
    words_key: str | None = None
    field_confidence: JsonObject = field(default_factory=dict)
    reasons: list[Any] = field(default_factory=list)
    e_invoice_check: JsonObject | None = None  # the e-invoice's XSD/schematron verdict (proposal.created)
    searchable_pdf_key: str | None = None  # the scan's PDF with an OCR text layer, for download
    help_needed: bool = False
    help_note: str | None = None
    note: str | None = None
    comment: str | None = None
    misc_type: str | None = None
    rejection_reason: str | None = None
    rejection_code: str | None = None
    rejection_params: JsonObject | None = None
    booking_reference: str | None = None
    validated_by: JsonObject | None = None
    filed_at: datetime | None = None
    filed_by: JsonObject | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    sent_at: datetime | None = None
    deleted_at: datetime | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Proposal:
        """The record of a stored row (the derived list columns are left out: they follow from the content)."""
        return cls(**{name: row[name] for name in FIELD_NAMES if name in row})

    def as_row(self) -> JsonObject:
        """The proposal as a row with its derived list columns (journal, period, gross, duplicate, ...)."""
        return {**{name: getattr(self, name) for name in FIELD_NAMES}, **list_columns(self.content)}

    @property
    def untouched(self) -> bool:
        """Nobody worked on it yet: a later proposal.created for it may replace it."""
        return self.version == 1 and self.deleted_at is None and self.status in UNTOUCHED


FIELD_NAMES = tuple(f.name for f in fields(Proposal))


@dataclass(frozen=True)
class Change:
    """What a use case does to a stored proposal: new column values, the action kept for undo (``None``: no
    snapshot) with who did it, and the events it records (written to the outbox when the unit of work commits)."""

    values: Mapping[str, Any]
    action: str | None = None
    actor: Mapping[str, Any] | None = None
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Version:
    """A kept earlier state of a proposal (undo, history): the version it was, the action that followed, by whom."""

    proposal_id: UUID
    version: int
    action: str
    changed_by: JsonObject | None
    changed_at: datetime | None
    snapshot: JsonObject = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentFile:
    """The file behind a proposal, as document.received described it (previews, attachments of a question)."""

    document_id: UUID
    dossier_id: UUID
    mailbox: str
    filename: str
    content_type: str
    storage_key: str
    received_at: datetime
    page_count: int | None = None


@dataclass(frozen=True)
class Failure:
    """Why a document's recognition failed (document.recognized's error code), and the reprocess request reading
    it again, if any (WL-13)."""

    document_id: UUID
    dossier_id: UUID
    error_code: str
    recognized_event_id: UUID
    reprocess_request_id: UUID | None = None
    reprocess_requested_at: datetime | None = None


@dataclass(frozen=True)
class Neighbours:
    """Where a proposal stands in a list's order: the ids before and after it, its position (1-based; None when
    the list does not hold it) and the list's size (WL-5, WL-9: save-and-next)."""

    previous_id: UUID | None
    next_id: UUID | None
    position: int | None
    total: int

    def as_json(self) -> dict[str, str | int | None]:
        return {"previous_id": self.previous_id and str(self.previous_id),
                "next_id": self.next_id and str(self.next_id), "position": self.position, "total": self.total}


@dataclass(frozen=True)
class Page:
    """One page of a worklist (WL-1): its proposals in order, how many the list holds, and the count per status of
    the proposals its other filters hold (every status)."""

    items: list[Proposal]
    total: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Counters:
    """ACT-1: a dossier's worklist in numbers — help requests, ready for validation, to send, rejected, misc to
    file — and when its newest proposal was processed."""

    help_requests: int = 0
    ready_for_validation: int = 0
    to_send: int = 0
    rejected: int = 0
    misc_to_do: int = 0
    last_proposal_at: datetime | None = None


@dataclass(frozen=True)
class Filed:
    """A misc document filed into the permanent dossier (WL-12), with its file's name and type when known."""

    proposal_id: UUID
    document_id: UUID
    misc_type: str | None
    filed_at: datetime | None
    filed_by: JsonObject | None
    note: str | None
    filename: str | None
    content_type: str | None


@dataclass(frozen=True)
class PermanentDossier:
    """The filed documents asked for (one type or all), newest first, and the number filed per type (all types)."""

    items: list[Filed]
    counts: dict[str, int]
