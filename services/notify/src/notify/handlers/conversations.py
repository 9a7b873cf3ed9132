"""Use cases of conversations (COM-1, COM-4, WL-6): open a thread from a question, start, read, reply, close,
archive and restore.

Every use case takes the caller as a Viewer; a thread the caller may not see is ConversationNotFound, the
same answer as a thread that does not exist. Writing a message marks it read for its author and queues the
"new message" mail of the other side (COM-6) in the same transaction.
"""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.notifications import NotificationRequested

from notify.adapters import conversations, replica
from notify.domain.audience import Dossier
from notify.domain.conversations import Viewer, question_subject, uuid_or_none
from notify.domain.errors import (ConversationClosed, ConversationNotFound, ConversationOpen, InvalidRecipient,
                                  NotYourMessage)
from notify.handlers.message_mail import tell_other_side


async def open_from_request(conn: asyncpg.Connection, request: NotificationRequested, text: str) -> None:
    """The thread a portal request opens (WL-6: the office's question about a document), once per request."""
    params = request.params
    recipient = request.recipient.user_id if request.audience == "recipient" else None
    thread_id = await conversations.open_thread(
        conn, office_id=request.office_id, dossier_id=request.dossier_id, subject=question_subject(params),
        recipient_user_id=recipient, started_by_side="office", request_id=request.event_id,
        document_id=uuid_or_none(params.get("document_id")) or next(
            (a.document_id for a in request.attachments if a.document_id), None),
        proposal_id=uuid_or_none(params.get("proposal_id")), office_contact_id=uuid_or_none(params.get("asked_by_id")),
        office_contact_email=params.get("asked_by_email") or None)
    if thread_id is None:
        return
    safe = {k: v for k, v in params.items() if k not in ("link_token", "link_path")}
    thread = {"id": thread_id, "office_id": request.office_id, "dossier_id": request.dossier_id,
              "recipient_user_id": recipient}
    await conversations.add(conn, thread, text, side="office", author_id=uuid_or_none(params.get("asked_by_id")),
                            author_name=params.get("asked_by") or None, request_id=request.event_id,
                            template=request.template, params=safe,
                            attachments=[a.model_dump(mode="json") for a in request.attachments])


async def author_name(conn: asyncpg.Connection, dossier: Dossier, viewer: Viewer) -> str | None:
    """The caller's name as the dossier's replica knows it (client user or assigned collaborator)."""
    if viewer.side == "client":
        return next((u.name for u in dossier.users if u.user_id == viewer.user_id), None)
    found = await replica.collaborators(conn, dossier.dossier_id, [viewer.user_id])
    return found[0].name if found else None


async def _write(conn: asyncpg.Connection, thread: dict[str, Any], text: str, viewer: Viewer, dossier: Dossier,
                 portal_url: str) -> dict[str, Any]:
    message = await conversations.add(conn, thread, text, side=viewer.side, author_id=viewer.user_id,
                                      author_name=await author_name(conn, dossier, viewer))
    message["mails_queued"] = await tell_other_side(conn, thread, message, dossier, portal_url)
    return message


def addressee(dossier: Dossier, viewer: Viewer, recipient_user_id: UUID | None) -> UUID | None:
    """Who a new thread is for: a client's thread is theirs (addressed to them); an office thread is addressed to
    one active client user of the dossier, or (None) to all full-access users. InvalidRecipient otherwise."""
    if viewer.side == "client":
        if recipient_user_id not in (None, viewer.user_id):
            raise InvalidRecipient("a client user starts conversations with the office only")
        return viewer.user_id
    if recipient_user_id is not None and not any(u.user_id == recipient_user_id and u.active for u in dossier.users):
        raise InvalidRecipient(f"{recipient_user_id} is not an active client user of this dossier")
    return recipient_user_id


async def open_new(conn: asyncpg.Connection, dossier: Dossier, viewer: Viewer, subject: str,
                   recipient_user_id: UUID | None) -> dict[str, Any]:
    """A new thread of the caller (no message yet), as conversations.thread answers it."""
    thread_id = await conversations.open_thread(
        conn, office_id=dossier.office_id, dossier_id=dossier.dossier_id, subject=subject,
        recipient_user_id=addressee(dossier, viewer, recipient_user_id), started_by_side=viewer.side,
        office_contact_id=viewer.user_id if viewer.side == "office" else None)
    return await conversations.thread(conn, dossier.dossier_id, thread_id, viewer)


async def start(pool: asyncpg.Pool, dossier_id: UUID, viewer: Viewer, subject: str, text: str,
                recipient_user_id: UUID | None, portal_url: str) -> dict[str, Any]:
    """A new thread with its first message (addressed as ``addressee`` says)."""
    async with pool.acquire() as conn, conn.transaction():
        dossier = await replica.load(conn, dossier_id)
        thread = await open_new(conn, dossier, viewer, subject, recipient_user_id)
        await _write(conn, thread, text, viewer, dossier, portal_url)
    return await read(pool, dossier_id, thread["id"], viewer)


async def reply(pool: asyncpg.Pool, dossier_id: UUID, conversation_id: UUID, viewer: Viewer, text: str,
                portal_url: str) -> dict[str, Any]:
    """A message in an open thread; the other side is mailed."""
    async with pool.acquire() as conn, conn.transaction():
        thread = await conversations.thread(conn, dossier_id, conversation_id, viewer, lock=True)
        if thread is None:
            raise ConversationNotFound("no such conversation in this dossier")
        if thread["status"] != "open":
            raise ConversationClosed("the conversation is closed")
        return await _write(conn, thread, text, viewer, await replica.load(conn, dossier_id), portal_url)


async def read(pool: asyncpg.Pool, dossier_id: UUID, conversation_id: UUID, viewer: Viewer) -> dict[str, Any]:
    """The thread with its messages in order; every message becomes read for the caller (COM-4 receipts)."""
    async with pool.acquire() as conn, conn.transaction():
        thread = await conversations.thread(conn, dossier_id, conversation_id, viewer)
        if thread is None:
            raise ConversationNotFound("no such conversation in this dossier")
        await conversations.mark_read(conn, conversation_id, viewer.user_id)
        messages = await conversations.messages_of(conn, conversation_id)
    public = {k: v for k, v in thread.items() if k not in ("office_id", "office_contact_id", "office_contact_email")}
    return {**public, "messages": messages}


async def close(pool: asyncpg.Pool, dossier_id: UUID, conversation_id: UUID, viewer: Viewer) -> None:
    """COM-4: no more replies (closing a closed thread changes nothing)."""
    async with pool.acquire() as conn, conn.transaction():
        if await conversations.thread(conn, dossier_id, conversation_id, viewer, lock=True) is None:
            raise ConversationNotFound("no such conversation in this dossier")
        await conversations.close(conn, conversation_id, viewer.user_id)


async def edit(pool: asyncpg.Pool, dossier_id: UUID, conversation_id: UUID, message_id: UUID, viewer: Viewer,
               text: str) -> dict[str, Any]:
    """COM-4: the author changes their own message in an open thread; the other side sees the new text and when it
    was edited. Another's message is NotYourMessage (403); a message not in the thread is not found."""
    async with pool.acquire() as conn, conn.transaction():
        thread = await conversations.thread(conn, dossier_id, conversation_id, viewer, lock=True)
        found = thread and await conversations.message(conn, conversation_id, message_id)
        if not found:
            raise ConversationNotFound("no such message in this conversation")
        if found["author_id"] != viewer.user_id or found["author_side"] != viewer.side:
            raise NotYourMessage("only its author may edit a message")
        if thread["status"] != "open":
            raise ConversationClosed("the conversation is closed")
        return await conversations.edit(conn, message_id, text)


async def archive(pool: asyncpg.Pool, dossier_id: UUID, conversation_id: UUID, viewer: Viewer) -> None:
    """COM-4: a closed thread is archived (it leaves the default list); an open one is ConversationOpen (409)."""
    async with pool.acquire() as conn, conn.transaction():
        thread = await conversations.thread(conn, dossier_id, conversation_id, viewer, lock=True)
        if thread is None:
            raise ConversationNotFound("no such conversation in this dossier")
        if thread["status"] != "closed":
            raise ConversationOpen("close the conversation before archiving it")
        await conversations.archive(conn, conversation_id, viewer.user_id)


async def restore(pool: asyncpg.Pool, dossier_id: UUID, conversation_id: UUID, viewer: Viewer) -> None:
    """COM-4: an archived thread comes back to the default list (still closed); restoring one that is not archived
    changes nothing."""
    async with pool.acquire() as conn, conn.transaction():
        if await conversations.thread(conn, dossier_id, conversation_id, viewer, lock=True) is None:
            raise ConversationNotFound("no such conversation in this dossier")
        await conversations.restore(conn, conversation_id)
