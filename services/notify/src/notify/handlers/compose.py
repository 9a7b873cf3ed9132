"""Turn one notification request into the mails (and portal message) it asks for: who, which template, what text.

Pure but for the template lookup (an office's override comes from its database): everything is rendered
before anything is written, so a request either yields all its mails or fails as a whole.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from contracts.events.notifications import NotificationRequested

from notify.domain.audience import (ACTING_TEMPLATES, OFFICE_ALERTS, Dossier, Person, allowed_to, full_access,
                                   office_admins, recipient)
from notify.domain.errors import UnknownRecipient, UnknownTemplate
from notify.domain.params import placeholders
from notify.domain.rendering import Rendered, Template, render


class TemplateSource(Protocol):
    """Finds the template to use: the office's override of (key, language), else the standard one, else None."""

    async def template(self, office_id: UUID, key: str, language: str) -> Template | None: ...


@dataclass(frozen=True)
class MailDraft:
    """One mail to write to the outgoing queue."""

    person: Person
    rendered: Rendered


@dataclass(frozen=True)
class Plan:
    """What a request becomes: its mails and, for channel 'portal', the text of the portal message."""

    mails: tuple[MailDraft, ...]
    message_text: str | None = None


def needs_dossier(request: NotificationRequested) -> bool:
    """True when the request can only be carried out with the dossier's users (its audience or the address)."""
    return request.audience == "dossier_full_access" or not request.recipient.email


def for_office_admins(request: NotificationRequested) -> bool:
    """True for an office alert that names nobody: it goes to the office's administrators (ACT-3)."""
    return (request.template in OFFICE_ALERTS and request.audience == "recipient"
            and not request.recipient.user_id and not request.recipient.email)


def audience(request: NotificationRequested, dossier: Dossier | None) -> list[Person]:
    """The people to mail, each with their language (COM-5 audience, COM-6 the user's language); a template asking
    for an action goes to those allowed to do it (ACTING_TEMPLATES), an office alert naming nobody to the office's
    administrators (OFFICE_ALERTS)."""
    if needs_dossier(request) and dossier is None:
        raise UnknownRecipient("the recipients are users of a dossier, but the request names no dossier")
    if for_office_admins(request):
        return office_admins(dossier.admins)
    if request.audience == "dossier_full_access":
        action = ACTING_TEMPLATES.get(request.template)
        if not action:
            return full_access(dossier.users)
        done = set(filter(None, request.params.get("acted_by", "").split(",")))  # their own act needs no notice
        return [p for p in allowed_to(action, dossier.users) if str(p.user_id) not in done]
    r = request.recipient
    return [recipient(r.user_id, r.email, r.name, request.language, dossier.users if dossier else None)]


async def compose(request: NotificationRequested, dossier: Dossier | None, source: TemplateSource,
                  portal_url: str) -> Plan:
    """The plan of a request; a NotifyError (unknown template, missing placeholder, no recipient) otherwise."""
    drafts = []
    for person in audience(request, dossier):
        template = await source.template(request.office_id, request.template, person.language)
        if template is None:
            raise UnknownTemplate(f"no template {request.template!r} in language {person.language!r}")
        params = placeholders(request.params, portal_url=portal_url, recipient_name=person.name,
                              dossier_name=dossier.name if dossier else None)
        drafts.append(MailDraft(person, render(template, params)))
    text = None
    if request.channel == "portal":
        text = request.params.get("question") or drafts[0].rendered.body
    return Plan(mails=tuple(drafts), message_text=text)
