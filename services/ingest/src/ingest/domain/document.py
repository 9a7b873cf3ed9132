"""The Document aggregate (ING-1..10): a file in a mailbox, sent into processing, processed, booked — or replaced by
a split or merge, or deleted. State changes are methods that check their rules and record what happened; the unit
of work writes the recorded events to the outbox when it commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ingest.domain.errors import Conflict

LIVE = ("mailbox", "processing", "processed", "booked")
"""Statuses of documents the dossier still has (not replaced by a split or merge, not deleted)."""


@dataclass(frozen=True)
class Original:
    """A photo kept besides the PDF made from it (ING-3), in the object store."""

    key: str
    content_type: str
    filename: str
    size: int | None = None


@dataclass(frozen=True)
class Sent:
    """Recorded when a document goes into processing: document.received is published for it (ING-9)."""

    document_id: UUID


@dataclass(frozen=True)
class Reread:
    """Recorded when a reprocess request sends a document to recognition again (WL-13): document.received anew,
    under the event id and correlation the request gives."""

    document_id: UUID
    event_id: UUID
    correlation_id: str


DocumentEvent = Sent | Reread


@dataclass
class Document:
    """One document of a dossier, as ingest keeps it (the ``documents`` table)."""

    id: UUID
    office_id: UUID
    dossier_id: UUID
    mailbox: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    original_sha256: str
    storage_key: str
    source: str
    status: str = "mailbox"
    originals: tuple[Original, ...] = ()
    page_count: int | None = None
    flags: tuple[str, ...] = ()
    problem: str | None = None
    sender: str | None = None
    submitted_by: dict[str, str | None] | None = None
    email_message_id: str | None = None
    email_subject: str | None = None
    labels: tuple[str, ...] = ()
    note: str | None = None
    derived_from: tuple[UUID, ...] = ()
    auto_transmitted: bool = False
    created_at: datetime | None = None  # set by the repository when the document is added
    sent_at: datetime | None = None
    processed_at: datetime | None = None
    booked_at: datetime | None = None
    refused_at: datetime | None = None
    refusal_code: str | None = None
    events: list[DocumentEvent] = field(default_factory=list, compare=False, repr=False)

    @property
    def in_mailbox(self) -> bool:
        return self.status == "mailbox"

    def send(self, now: datetime, *, auto: bool = False) -> bool:
        """ING-9 / ING-10: into processing, announced once; a document already sent stays as it is (False)."""
        if not self.in_mailbox:
            return False
        self.status, self.sent_at, self.auto_transmitted = "processing", now, auto
        self.events.append(Sent(self.id))
        return True

    def reread(self, event_id: UUID, correlation_id: str) -> None:
        """WL-13: back "In processing" until its new proposal, and document.received once more."""
        self.status, self.processed_at = "processing", None
        self.events.append(Reread(self.id, event_id, correlation_id))

    def edit(self, *, labels: tuple[str, ...] | None = None, note: str | None = None, set_note: bool = False,
             filename: str | None = None, mailbox: str | None = None) -> None:
        """ING-5: label and annotate any document; only one still in a mailbox may be renamed or moved."""
        if (filename is not None or mailbox is not None) and not self.in_mailbox:
            raise Conflict("only documents still in a mailbox can be renamed or moved")
        if labels is not None:
            self.labels = labels
        if set_note:
            self.note = note
        if filename is not None:
            self.filename = filename
        if mailbox is not None:
            self.mailbox = mailbox

    def delete(self) -> None:
        """ING-5: only a mailbox document can be deleted (its bytes stay in the object store)."""
        if not self.in_mailbox:
            raise Conflict("a document sent for processing cannot be deleted here")
        self.status = "deleted"

    def replace(self) -> None:
        """ING-6..8: the source of a split or merge is kept, as 'replaced'."""
        self.status = "replaced"

    def processed(self, at: datetime) -> None:
        """proposal.created: the office has a booking proposal; it leaves "In processing"."""
        if self.status == "processing":
            self.status, self.processed_at = "processed", at

    def booked(self, at: datetime) -> None:
        """ledger.synced posted: booked; a refusal on record is cleared."""
        if self.status in ("processing", "processed"):
            self.status, self.processed_at, self.booked_at = "booked", self.processed_at or at, at
            self.refused_at, self.refusal_code = None, None

    def refused(self, at: datetime, code: str | None) -> None:
        """ledger.synced posting failed: kept on a processed document for its timeline (issue 15 item 5)."""
        if self.status == "processed":
            self.refused_at, self.refusal_code = at, code

    def unbooked(self) -> None:
        """ledger.synced deleted (SYN-6): no longer booked; it stays among the processed documents."""
        if self.status == "booked":
            self.status, self.booked_at = "processed", None
