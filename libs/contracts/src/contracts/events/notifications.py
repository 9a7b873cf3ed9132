"""Requests to notify a person, rendered and sent by notify."""
from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Language


class Recipient(ContractModel):
    """Who receives the notification: a known user, or an e-mail address (e.g. a new user)."""

    user_id: UUID | None = None
    email: str | None = None
    name: str | None = None


class AttachmentRef(ContractModel):
    """A stored file to attach, e.g. the document a question is about (WL-6)."""

    storage_key: str
    filename: str
    content_type: str
    document_id: UUID | None = None


class NotificationRequested(Event):
    """Please tell someone something (COM-5, COM-6): notify renders the template in their language.

    The event_id identifies the request. Never carries secrets: a new user gets a link to set a password, not a password.
    """

    EVENT_TYPE: ClassVar[str] = "notification.requested"
    SCHEMA_VERSION: ClassVar[int] = 1

    template: str = Field(min_length=1, description="template key, e.g. 'user.welcome', 'dossier.updated'")
    recipient: Recipient
    audience: Literal["recipient", "dossier_full_access"] = Field(
        default="recipient", description="COM-5: one user, or all full-access users of the dossier")
    language: Language
    channel: Literal["email", "portal"] = "email"
    params: dict[str, str] = Field(default_factory=dict, description="template placeholders")
    attachments: tuple[AttachmentRef, ...] = ()
