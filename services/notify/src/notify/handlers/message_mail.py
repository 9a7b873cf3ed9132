"""COM-6 "new message": tell the other side of a conversation that someone wrote, through the outgoing queue.

A client's message goes to the office contact of the thread (the collaborator who asked, from the request's
params, or who started it) and the collaborators who wrote in it; with none of those known, to the
collaborators assigned to the dossier. Without any address, no mail: the unread counter still shows it.
An office message goes to the thread's client user, or to every full-access user when it has none.
Each mail is a `conversation.message` request composed and queued like any other (one per message and address).
"""
from __future__ import annotations

import logging
from typing import Any

import asyncpg
from contracts.events.notifications import NotificationRequested, Recipient

from notify.adapters import conversations, mail_queue, replica
from notify.adapters.templates import PgTemplates
from notify.domain.audience import Dossier, Person, full_access
from notify.domain.conversations import excerpt
from notify.domain.errors import NotifyError
from notify.entrypoints.metrics import MAILS_QUEUED, REQUESTS_FAILED
from notify.handlers.compose import compose

log = logging.getLogger(__name__)
TEMPLATE = "conversation.message"
FALLBACK_LANGUAGE = "nl"


async def office_people(conn: asyncpg.Connection, thread: dict[str, Any], dossier: Dossier) -> list[Person]:
    """The collaborators to tell about a client's message (see the module docstring)."""
    ids = {thread["office_contact_id"], *await conversations.office_authors(conn, thread["id"])} - {None}
    people = await replica.collaborators(conn, dossier.dossier_id, list(ids)) if ids else []
    email = thread["office_contact_email"]
    if email and all(p.email.lower() != email.lower() for p in people):
        people.append(Person(email, None, FALLBACK_LANGUAGE))
    if not people and not ids and not email:
        people = await replica.collaborators(conn, dossier.dossier_id, None)
    return people


def client_people(thread: dict[str, Any], dossier: Dossier) -> list[Person]:
    """The client users to tell about an office message: the thread's user (if active), else full-access users."""
    if thread["recipient_user_id"] is None:
        try:
            return full_access(dossier.users)
        except NotifyError:
            return []
    return [Person(u.email, u.name, u.language, u.user_id) for u in dossier.users
            if u.user_id == thread["recipient_user_id"] and u.active and u.email]


async def tell_other_side(conn: asyncpg.Connection, thread: dict[str, Any], message: dict[str, Any],
                          dossier: Dossier, portal_url: str) -> int:
    """Queue the "new message" mails of one message; returns how many were queued."""
    if message["author_side"] == "client":
        people = await office_people(conn, thread, dossier)
    else:
        people = client_people(thread, dossier)
    params = {"subject": thread["subject"], "author_name": message["author_name"] or "",
              "text": excerpt(message["text"]),
              "link_path": f"/dossiers/{dossier.dossier_id}/messages/{thread['id']}"}
    queued = 0
    for person in people:
        request = NotificationRequested(
            event_id=message["id"], correlation_id=f"notify-message-{message['id']}", office_id=dossier.office_id,
            dossier_id=dossier.dossier_id, template=TEMPLATE, language=person.language, params=params,
            recipient=Recipient(user_id=person.user_id, email=person.email, name=person.name))
        try:
            plan = await compose(request, dossier, PgTemplates(conn), portal_url)
        except NotifyError as exc:  # a broken office template must not lose the message itself
            REQUESTS_FAILED.labels(exc.reason).inc()
            log.warning("new-message mail of %s not queued: %s", message["id"], exc.message)
            continue
        queued += await mail_queue.queue(conn, request, plan.mails)
    MAILS_QUEUED.labels(TEMPLATE).inc(queued)
    return queued
