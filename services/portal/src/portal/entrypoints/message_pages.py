"""A dossier's messages (COM-1, COM-4, WL-6): the conversations with unread badges, a thread with its reply form
(htmx), a new conversation, closing one (office). For client and office users who may read the dossier's
conversations; notify checks the same on every call and answers 404 for a thread that is not the user's."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response

from portal.adapters.office import OfficeError
from portal.entrypoints.dossier_tabs import dossier_context
from portal.entrypoints.guard import User, current_user
from portal.entrypoints.message_nav import notify_for
from portal.entrypoints.web import PageRoute, forbidden, is_htmx, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
TEXT_MAX, SUBJECT_MAX = 5000, 200
MESSAGES = {"no_text": N_("Write a message first."),
            "too_long": N_("A message has at most 5000 characters."),
            "no_subject": N_("Give the conversation a subject."),
            "closed": N_("This conversation is closed: it takes no more messages.")}


def _need(user: User, action: str, dossier_id: str) -> None:
    if not user.may(action, dossier_id):
        raise forbidden()


def text_problem(text: str) -> str | None:
    """Why a message text is refused, or None (the same bounds as notify's)."""
    if not text.strip():
        return MESSAGES["no_text"]
    return MESSAGES["too_long"] if len(text.strip()) > TEXT_MAX else None


async def _client_users(user: User, dossier_id: str) -> list[dict[str, Any]]:
    """The dossier's active client users an office user may address a conversation to (none if not allowed)."""
    if not user.is_collaborator or not user.may("dossier.users.view", dossier_id):
        return []
    return [u for u in (await user.api.get(f"/dossiers/{dossier_id}/users"))["items"] if u.get("active", True)]


async def _list_page(user: User, dossier_id: str, *, errors: dict[str, str] | None = None,
                     values: dict[str, str] | None = None, status: int = 200) -> Response:
    threads = await notify_for(user).conversations(dossier_id)
    return user.page("messages.html", dossier_id=dossier_id, threads=threads, errors=errors or {},
                     values=values or {}, client_users=await _client_users(user, dossier_id),
                     may_start=user.may("conversation.start", dossier_id), **await dossier_context(user, dossier_id),
                     status=status)


@router.get("/dossiers/{dossier_id}/messages")
async def messages_page(dossier_id: str, user: User = Depends(current_user)) -> Response:
    _need(user, "conversation.view", dossier_id)
    return await _list_page(user, dossier_id)


@router.post("/dossiers/{dossier_id}/messages")
async def start(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """A new conversation; an office user may address it to one client user (none: all full-access users)."""
    _need(user, "conversation.start", dossier_id)
    form = user.form
    values = {"subject": form.get("subject").strip(), "text": form.get("text"),
              "recipient_user_id": form.get("recipient_user_id") if user.is_collaborator else ""}
    errors = {"subject": MESSAGES["no_subject"]} if not values["subject"] else {}
    if problem := text_problem(values["text"]):
        errors["text"] = problem
    if errors:
        return await _list_page(user, dossier_id, errors=errors, values=values, status=422)
    try:
        thread = await notify_for(user).start(dossier_id, values["subject"][:SUBJECT_MAX], values["text"],
                                              values["recipient_user_id"])
    except OfficeError as exc:
        if exc.status != 422:
            raise
        return await _list_page(user, dossier_id, errors={"text": exc.message}, values=values, status=422)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{thread['id']}")


async def _thread_page(user: User, dossier_id: str, conversation_id: str, *, error: str | None = None,
                       text: str = "", status: int = 200) -> Response:
    thread = await notify_for(user).conversation(dossier_id, conversation_id)
    partial = is_htmx(user.request) and user.request.method == "POST"
    return user.page("message_thread.html" if not partial else "partials/message_thread_body.html",
                     dossier_id=dossier_id, thread=thread, error=error, text=text,
                     may_reply=user.may("conversation.reply", dossier_id),
                     may_close=user.is_collaborator and user.may("conversation.close", dossier_id),
                     may_open_document=user.may("document.view", dossier_id),
                     **await dossier_context(user, dossier_id), status=status)


@router.get("/dossiers/{dossier_id}/messages/{conversation_id}")
async def thread_page(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """The thread in order; opening it marks its messages read for the user (COM-4)."""
    _need(user, "conversation.view", dossier_id)
    return await _thread_page(user, dossier_id, conversation_id)


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/reply")
async def reply(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """A reply; htmx swaps the thread's messages and form, a plain form post comes back to the thread."""
    _need(user, "conversation.reply", dossier_id)
    text = user.form.get("text")
    problem = text_problem(text)
    if problem is None:
        try:
            await notify_for(user).reply(dossier_id, conversation_id, text)
        except OfficeError as exc:
            if exc.status not in (409, 422):
                raise
            problem = MESSAGES["closed"] if exc.status == 409 else exc.message
    if problem is not None:
        return await _thread_page(user, dossier_id, conversation_id, error=problem, text=text, status=422)
    if is_htmx(user.request):
        return await _thread_page(user, dossier_id, conversation_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{conversation_id}")


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/close")
async def close(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """COM-4: the office closes a conversation."""
    if not user.is_collaborator:
        raise forbidden()
    _need(user, "conversation.close", dossier_id)
    await notify_for(user).close(dossier_id, conversation_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{conversation_id}")
