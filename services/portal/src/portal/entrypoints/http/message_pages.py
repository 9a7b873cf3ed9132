"""A dossier's messages (COM-1, COM-4, WL-6): the conversations with unread badges, a thread with its reply form
(htmx), a new conversation (its first message with files or not), closing one (office). For client and office users
who may read the dossier's conversations; notify checks the same on every call and answers 404 for a thread that is not the user's."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_file_pages import multipart
from portal.entrypoints.http.message_list import list_page, templates
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.message_thread import thread_page as render_thread
from portal.entrypoints.http.web import PageRoute, forbidden, is_htmx, redirect
from portal.i18n import N_
from portal.i18n.error_codes import say_error
from runtime.limits import UPLOAD

router = APIRouter(route_class=PageRoute)
TEXT_MAX, SUBJECT_MAX = 5000, 200
MESSAGES = {"no_text": N_("Write a message first."),
            "too_long": N_("A message has at most 5000 characters."),
            "no_subject": N_("Give the conversation a subject."),
            "closed": N_("This conversation is closed: it takes no more messages."),
            "no_text_or_file": N_("Write a message or attach a file.")}


def _need(user: User, action: str, dossier_id: str) -> None:
    if not user.may(action, dossier_id):
        raise forbidden()


def text_problem(text: str) -> str | None:
    """Why a message text is refused, or None (the same bounds as notify's)."""
    if not text.strip():
        return MESSAGES["no_text"]
    return MESSAGES["too_long"] if len(text.strip()) > TEXT_MAX else None


@router.get("/dossiers/{dossier_id}/messages")
async def messages_page(dossier_id: str, archived: bool = False, template: str = "", recipient: str = "",
                        user: User = Depends(current_user)) -> Response:
    """The conversations; ``?archived=1`` the archived ones (COM-4); ``?template=…&recipient=…`` fills the new
    conversation's subject and text from a template for that recipient (COM-5), still editable."""
    _need(user, "conversation.view", dossier_id)
    found = await templates(user, dossier_id, recipient)
    picked = next((t for t in found if t["id"] == template), None)
    values = {"recipient_user_id": recipient, "template": template}
    if picked:
        values.update(subject=picked["subject"], text=picked["text"])
    return await list_page(user, dossier_id, archived=archived, templates=found, values=values)


@router.post("/dossiers/{dossier_id}/messages", openapi_extra=UPLOAD)
async def start(dossier_id: str, files: list = Depends(multipart), user: User = Depends(current_user)) -> Response:
    """A new conversation, its first message with files or not (COM-1); an office user may address it to one client
    user (none: all full-access users). Refusals come back on the form in the user's language."""
    _need(user, "conversation.start", dossier_id)
    form = user.form
    values = {"subject": form.get("subject").strip(), "text": form.get("text"),
              "recipient_user_id": form.get("recipient_user_id") if user.is_collaborator else ""}
    errors = {"subject": MESSAGES["no_subject"]} if not values["subject"] else {}
    if problem := (None if files and not values["text"] else text_problem(values["text"])):
        errors["text"] = MESSAGES["no_text_or_file"] if problem == MESSAGES["no_text"] else problem
    if errors:
        return await list_page(user, dossier_id, errors=errors, values=values, status=422)
    notify = notify_for(user)
    try:
        if files:
            thread = await notify.start_with_files(dossier_id, values["subject"][:SUBJECT_MAX], values["text"],
                                                   values["recipient_user_id"], files)
        else:
            thread = await notify.start(dossier_id, values["subject"][:SUBJECT_MAX], values["text"],
                                        values["recipient_user_id"])
    except ServiceCallError as exc:
        if exc.status not in (413, 415, 422):
            raise
        refused = ({"files": say_error(exc.code, exc.params, user.language, exc.message)}
                   if exc.status in (413, 415) else {"text": exc.message})
        return await list_page(user, dossier_id, errors=refused, values=values, status=422)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{thread['id']}")


@router.get("/dossiers/{dossier_id}/messages/{conversation_id}")
async def thread_page(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """The thread in order; opening it marks its messages read for the user (COM-4)."""
    _need(user, "conversation.view", dossier_id)
    return await render_thread(user, dossier_id, conversation_id)


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/reply")
async def reply(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """A reply; htmx swaps the thread's messages and form, a plain form post comes back to the thread."""
    _need(user, "conversation.reply", dossier_id)
    text = user.form.get("text")
    problem = text_problem(text)
    if problem is None:
        try:
            await notify_for(user).reply(dossier_id, conversation_id, text)
        except ServiceCallError as exc:
            if exc.status not in (409, 422):
                raise
            problem = MESSAGES["closed"] if exc.status == 409 else exc.message
    if problem is not None:
        return await render_thread(user, dossier_id, conversation_id, error=problem, text=text, status=422)
    if is_htmx(user.request):
        return await render_thread(user, dossier_id, conversation_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{conversation_id}")


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/close")
async def close(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """COM-4: the office closes a conversation."""
    if not user.is_collaborator:
        raise forbidden()
    _need(user, "conversation.close", dossier_id)
    await notify_for(user).close(dossier_id, conversation_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{conversation_id}")
