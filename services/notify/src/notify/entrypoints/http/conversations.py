"""HTTP API of a dossier's conversations (COM-1, COM-4): list with unread counts, read, reply, start, close.

runtime.auth checks the caller's office and dossier scope on every route (a foreign or unknown dossier: 403);
within the dossier a client user reaches only the threads addressed to them or, with full access, to all
full-access users; any other thread is 404, like one that does not exist.
"""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field, field_validator
from runtime.auth.fastapi import require
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind
from runtime.http import deps

from notify.adapters import conversations
from notify.domain.conversations import SUBJECT_MAX, TEXT_MAX, Viewer
from notify.entrypoints.http.schemas import MessageEdited, MessageWritten, ThreadOut, ThreadsOut, UnreadOut
from notify.handlers import conversations as use

router = APIRouter()
_FULL = {ClientProfile.ADMINISTRATOR, ClientProfile.FULL_ACCESS}
_BASE = "/dossiers/{dossier_id}/conversations"


def _stripped(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


class MessageIn(BaseModel):
    """A reply: its text, 1 to 5000 characters (surrounding blanks removed)."""

    text: str = Field(min_length=1, max_length=TEXT_MAX)
    _text = field_validator("text")(_stripped)


class ConversationIn(BaseModel):
    """A new conversation: subject, first message and, from the office, the client user it is for (none: all
    full-access users)."""

    subject: str = Field(min_length=1, max_length=SUBJECT_MAX)
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    recipient_user_id: UUID | None = None
    _strip = field_validator("subject", "text")(_stripped)


def viewer(who: Principal, dossier_id: UUID) -> Viewer:
    if who.kind is PrincipalKind.CLIENT:
        return Viewer(UUID(who.subject), "client", who.profiles.get(str(dossier_id)) in _FULL)
    return Viewer(UUID(who.subject), "office")



@router.get(_BASE, response_model=ThreadsOut)
async def list_conversations(dossier_id: UUID, request: Request, archived: bool = False,
                             who: Principal = Depends(require("conversation.view"))) -> dict:
    """The caller's threads, latest activity first, with their unread count for the caller; archived ones only with
    ``archived=true`` (COM-4)."""
    return {"conversations": await conversations.threads(deps(request).pool, dossier_id, viewer(who, dossier_id),
                                                         archived)}


@router.get(_BASE + "/unread", response_model=UnreadOut)
async def unread(dossier_id: UUID, request: Request, who: Principal = Depends(require("conversation.view"))) -> dict:
    """The caller's unread messages in the dossier, and in how many threads."""
    return await conversations.unread(deps(request).pool, dossier_id, viewer(who, dossier_id))


@router.get(_BASE + "/{conversation_id}", response_model=ThreadOut)
async def get_conversation(dossier_id: UUID, conversation_id: UUID, request: Request,
                           who: Principal = Depends(require("conversation.view"))):
    """The thread and its messages in order; marks them read for the caller."""
    return await use.read(deps(request).pool, dossier_id, conversation_id, viewer(who, dossier_id))


@router.post(_BASE, status_code=201, response_model=ThreadOut)
async def start_conversation(dossier_id: UUID, given: ConversationIn, request: Request,
                             who: Principal = Depends(require("conversation.start"))):
    return await use.start(deps(request).pool, dossier_id, viewer(who, dossier_id), given.subject, given.text,
                           given.recipient_user_id, deps(request).settings.notify_portal_url)


@router.post(_BASE + "/{conversation_id}/messages", status_code=201, response_model=MessageWritten)
async def reply(dossier_id: UUID, conversation_id: UUID, given: MessageIn, request: Request,
                who: Principal = Depends(require("conversation.reply"))):
    return await use.reply(deps(request).pool, dossier_id, conversation_id, viewer(who, dossier_id), given.text,
                           deps(request).settings.notify_portal_url)


@router.post(_BASE + "/{conversation_id}/close", status_code=204)
async def close(dossier_id: UUID, conversation_id: UUID, request: Request,
                who: Principal = Depends(require("conversation.close"))):
    await use.close(deps(request).pool, dossier_id, conversation_id, viewer(who, dossier_id))
    return Response(status_code=204)


@router.patch(_BASE + "/{conversation_id}/messages/{message_id}", response_model=MessageEdited)
async def edit(dossier_id: UUID, conversation_id: UUID, message_id: UUID, given: MessageIn, request: Request,
               who: Principal = Depends(require("conversation.reply"))):
    """COM-4: the author's new text (403 not_your_message for anyone else's, 409 when the thread is closed)."""
    return await use.edit(deps(request).pool, dossier_id, conversation_id, message_id, viewer(who, dossier_id),
                          given.text)


@router.post(_BASE + "/{conversation_id}/archive", status_code=204)
async def archive(dossier_id: UUID, conversation_id: UUID, request: Request,
                  who: Principal = Depends(require("conversation.close"))):
    """COM-4: a closed thread leaves the default list (409 conversation_open while open)."""
    await use.archive(deps(request).pool, dossier_id, conversation_id, viewer(who, dossier_id))
    return Response(status_code=204)


@router.post(_BASE + "/{conversation_id}/restore", status_code=204)
async def restore(dossier_id: UUID, conversation_id: UUID, request: Request,
                  who: Principal = Depends(require("conversation.close"))):
    """COM-4: an archived thread is back in the default list (still closed); who may archive may restore."""
    await use.restore(deps(request).pool, dossier_id, conversation_id, viewer(who, dossier_id))
    return Response(status_code=204)
