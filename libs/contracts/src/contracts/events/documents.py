"""Events about documents entering the platform (ingest)."""
from __future__ import annotations

from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from contracts.envelope import Event
from contracts.events.common import Actor, Mailbox, Sha256

DocumentSource = Literal["portal", "email", "mobile", "api"]
"""Every way in yields the same event with a different source (ING-1..4); v1 called 'portal' 'upload'."""


class DocumentReceived(Event):
    """A document was handed in and stored; recognition reads it from object storage.

    Emitted once per document that goes into processing, whatever the way in
    (ING-1 upload, ING-2 e-mail, ING-3 mobile, ING-4 API), also for documents produced by a
    split or merge (ING-6..8) and for auto-transmitted ones (ING-10).
    """

    EVENT_TYPE: ClassVar[str] = "document.received"
    SCHEMA_VERSION: ClassVar[int] = 2

    document_id: UUID
    source: DocumentSource
    mailbox: Mailbox
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field(description="media type as sniffed from the content, e.g. 'application/pdf'")
    size_bytes: int = Field(ge=0)
    sha256: Sha256 = Field(description="digest of the stored original; recognition caches results by it")
    storage_key: str = Field(min_length=1, description="object key of the original in the documents bucket")
    page_count: int | None = Field(default=None, ge=0)
    sender: str | None = Field(default=None, description="e-mail address of the sender (e-mail) or API client")
    submitted_by: Actor | None = Field(default=None, description="the user who uploaded or sent it")
    email_message_id: str | None = Field(default=None, description="Message-ID of the e-mail it came with")
    email_subject: str | None = None
    auto_transmitted: bool = Field(default=False, description="skipped the mailbox by auto-transmission (ING-10)")
    derived_from: tuple[UUID, ...] = Field(default=(), description="documents it was split from or merged from")
    uploaded_at: AwareDatetime | None = Field(
        default=None, description="when the document was handed in (occurred_at is when it went into processing: "
                                  "later when it waited in the mailbox); absent from events published before it")


class DocumentReprocessRequested(Event):
    """Someone asked to read documents again whose recognition failed for a passing reason (WL-13).

    Produced by worklist; ingest, the owner of document.received, publishes document.received again for
    each document (a new event id per request and document, so a redelivered request publishes once).
    """

    EVENT_TYPE: ClassVar[str] = "document.reprocess_requested"
    SCHEMA_VERSION: ClassVar[int] = 1

    request_id: UUID = Field(description="one per reprocess request; the same request never publishes twice")
    document_ids: tuple[UUID, ...] = Field(min_length=1, max_length=500)
    requested_by: Actor | None = None


def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """document.received v1 → v2: the source 'upload' (portal upload, ING-1) is now called 'portal'."""
    if payload.get("source") == "upload":
        payload["source"] = "portal"
    return payload
