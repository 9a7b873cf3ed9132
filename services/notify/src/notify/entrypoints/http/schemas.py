"""What notify's JSON routes answer, as response models (issue 19 item 5): the routes' `response_model`s, so
docs/openapi/notify.json says what the code does and the portal's fake of notify can be checked against it. Times
are written as Python's isoformat, as the routes always wrote them; ids are UUID text."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field, PlainSerializer

Timestamp = Annotated[datetime, PlainSerializer(lambda v: v.isoformat(), return_type=str, when_used="json")]
DateTimeText = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Side = Literal["office", "client"]
Language = Literal["nl", "fr", "de", "en"]


class ThreadFields(BaseModel):
    """A conversation (COM-1): its subject, who it is for (none: every full-access user), where it came from."""

    id: UUID
    subject: str
    recipient_user_id: UUID | None
    document_id: UUID | None
    proposal_id: UUID | None
    started_by_side: Side
    status: Literal["open", "closed"]
    created_at: Timestamp
    last_message_at: Timestamp
    closed_at: Timestamp | None
    archived_at: Timestamp | None


class ThreadListed(ThreadFields):
    unread: int = Field(description="messages of the other side the caller has not read")


class ThreadsOut(BaseModel):
    conversations: list[ThreadListed]


class UnreadOut(BaseModel):
    """The caller's unread messages in the dossier and the conversations holding them."""

    messages: int
    conversations: int


class ReadOut(BaseModel):
    user_id: UUID
    read_at: DateTimeText


class FileOut(BaseModel):
    """A file of a message (a PDF or an image), downloaded from the thread's ``files/{id}``."""

    id: UUID
    filename: str
    content_type: str
    size: int


class MessageFields(BaseModel):
    id: UUID
    author_side: Side
    author_id: UUID | None
    author_name: str | None
    text: str
    created_at: Timestamp


class MessageOut(MessageFields):
    """A message of a thread with its read receipts (COM-4) and files."""

    attachments: list[dict[str, Any]] = Field(description="documents a portal request attached (WL-6)")
    edited_at: Timestamp | None
    read_by: list[ReadOut]
    files: list[FileOut]


class ThreadOut(ThreadFields):
    """A thread with its messages in order (reading it marks them read for the caller)."""

    dossier_id: UUID
    messages: list[MessageOut]


class MessageWritten(MessageFields):
    """A message just written; ``mails_queued``: the other side's "new message" mails (COM-6)."""

    attachments: list[dict[str, Any]]
    mails_queued: int


class MessageWithFiles(MessageWritten):
    files: list[FileOut]


class MessageEdited(MessageFields):
    edited_at: Timestamp


class BroadcastStarted(BaseModel):
    dossier_id: UUID
    conversation_id: UUID


class BroadcastSkipped(BaseModel):
    dossier_id: UUID
    reason: Literal["not_allowed"]


class BroadcastOut(BaseModel):
    """COM-3: the conversations started, one per dossier, and the dossiers skipped with why."""

    started: int
    conversations: list[BroadcastStarted]
    skipped: list[BroadcastSkipped]


class PickedTemplate(BaseModel):
    """A template to start a conversation with, filled for the dossier and recipient (COM-5)."""

    id: str = Field(description="'standard:<key>' or the office template's id")
    name: str
    source: Literal["standard", "office"]
    subject: str
    text: str


class PickerOut(BaseModel):
    language: Language
    templates: list[PickedTemplate]


class ConversationTemplateOut(BaseModel):
    """An office's own conversation template, placeholders unfilled."""

    id: UUID
    name: str
    language: Language
    subject: str
    body: str
    updated_at: Timestamp


class ConversationTemplatesOut(BaseModel):
    templates: list[ConversationTemplateOut]


class MailTemplateListed(BaseModel):
    key: str
    language: str
    source: Literal["standard", "office"]
    updated_at: Timestamp | None


class MailTemplatesOut(BaseModel):
    """Every mail template key in every language, and whether the office has its own version."""

    templates: list[MailTemplateListed]


class MailTemplateOut(BaseModel):
    """A mail template in force: the office's version (with who changed it when) or the standard one."""

    key: str
    language: str
    subject: str
    body: str
    html: str | None
    source: Literal["standard", "office"]
    updated_by: str | None = None
    updated_at: Timestamp | None = None


class Rendered(BaseModel):
    subject: str
    body: str
    html: str | None


class MailTemplateSaved(BaseModel):
    """The office's version saved, and it rendered with sample values."""

    key: str
    language: str
    source: Literal["office"]
    preview: Rendered


class PortalMessage(BaseModel):
    id: UUID
    conversation_id: UUID
    author_side: Side
    author_name: str | None
    recipient_user_id: UUID | None
    template: str | None
    text: str
    params: dict[str, Any]
    attachments: list[dict[str, Any]]
    created_at: Timestamp


class PortalMessagesOut(BaseModel):
    messages: list[PortalMessage]


class OutgoingMail(BaseModel):
    """A mail of the office's queue, without its body."""

    id: UUID
    request_id: UUID
    dossier_id: UUID | None
    template: str
    language: str
    to_address: str
    subject: str
    status: Literal["queued", "sent", "failed"]
    attempts: int
    next_attempt_at: Timestamp
    last_error: str | None
    created_at: Timestamp
    sent_at: Timestamp | None


class OutgoingOut(BaseModel):
    mails: list[OutgoingMail]


class CountersRow(BaseModel):
    dossier_id: UUID
    open_conversations: int
    waiting_for_office: int = Field(description="open conversations whose last message is the client's")


class CountersOut(BaseModel):
    items: list[CountersRow]


class Confirmation(BaseModel):
    """COM-2: a dossier's VAT period confirmed by a client user, and the conversation it was said in."""

    dossier_id: UUID
    period: str
    confirmed_at: Timestamp
    confirmed_by: UUID
    confirmed_by_name: str | None
    conversation_id: UUID | None


class Confirmed(Confirmation):
    already: bool = Field(description="the period was confirmed before: this is the first confirmation")


class ConfirmationsOut(BaseModel):
    confirmations: list[Confirmation]


class OfficeConfirmation(Confirmation):
    dossier_name: str | None


class OfficeConfirmationsOut(BaseModel):
    confirmations: list[OfficeConfirmation]
