"""What ingest's JSON routes answer, as response models (issue 19 item 5): the routes' `response_model`s, so
docs/openapi/ingest.json says what the code does. A document's times are ISO 8601 text, as `view` writes them."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, PlainSerializer

DateTimeText = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Timestamp = Annotated[datetime, PlainSerializer(lambda v: v.isoformat(), return_type=str, when_used="json")]


class DocumentOut(BaseModel):
    """One document (ING-5): where it is, what it is, what happened to it and when."""

    id: UUID
    dossier_id: UUID
    mailbox: str
    status: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    page_count: int | None
    flags: list[str]
    problem: str | None
    source: str
    sender: str | None
    labels: list[str]
    note: str | None
    derived_from: list[UUID]
    auto_transmitted: bool
    email_subject: str | None
    created_at: DateTimeText | None
    sent_at: DateTimeText | None
    processed_at: DateTimeText | None
    booked_at: DateTimeText | None
    refused_at: DateTimeText | None
    refusal_code: str | None
    has_original: bool


class DocumentPage(BaseModel):
    items: list[DocumentOut]
    total: int
    page: int
    per_page: int


class SentDocumentOut(DocumentOut):
    """A sent document and where it is on its way to the books (ING-9, issue 15 item 5)."""

    state: Literal["processing", "at_office", "refused", "booked"]


class SentPage(DocumentPage):
    items: list[SentDocumentOut]  # type: ignore[assignment]


class DocumentsOut(BaseModel):
    documents: list[DocumentOut]


class MailNoteOut(BaseModel):
    """An e-mail kept as a note (ING-2)."""

    message_id: str
    sender: str | None
    subject: str | None
    body: str | None
    problems: list[str]
    documents: int
    received_at: Timestamp | None


class MailNotesOut(BaseModel):
    items: list[MailNoteOut]


class LabelsOut(BaseModel):
    labels: list[str]


class CounterOut(BaseModel):
    dossier_id: UUID
    uploaded_not_sent: int


class CountersOut(BaseModel):
    """ACT-1: documents uploaded and not sent, per dossier the caller may see."""

    items: list[CounterOut]


class MergedOut(BaseModel):
    """ING-7: the document the chosen pages became."""

    document: DocumentOut


class DuplicateOut(BaseModel):
    """A file already there: not stored twice."""

    filename: str
    duplicate_of: DocumentOut


class StatementOut(BaseModel):
    """A bank statement (CODA, camt.053) stored and sent on for import (issue 17)."""

    statement_file_id: UUID
    filename: str
    format: str
    sha256: str


class RejectedOut(BaseModel):
    """A file refused, with the reason."""

    filename: str | None
    code: str
    message: str


class UploadOut(BaseModel):
    """ING-1/3/4: what became of each uploaded file (201 when something new was stored, 200 when only duplicates)."""

    documents: list[DocumentOut]
    duplicates: list[DuplicateOut]
    statements: list[StatementOut]
    rejected: list[RejectedOut]
