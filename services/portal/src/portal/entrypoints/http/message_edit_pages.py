"""COM-4 on a conversation's page: the author edits their own message (notify refuses another's: 403) and the
office archives a closed conversation (it leaves the default list for the archived one) or restores an archived one
(back in the default list)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.message_thread import thread_page
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.i18n import N_
from portal.i18n.error_codes import say_error

router = APIRouter(route_class=PageRoute)
TEXT_MAX = 5000


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/edit/{message_id}")
async def edit(dossier_id: str, conversation_id: str, message_id: str, user: User = Depends(current_user)) -> Response:
    """The new text of the user's own message; refused texts come back on the message's form (422)."""
    if not user.may("conversation.reply", dossier_id):
        raise forbidden()
    text = user.form.get("text")
    problem = (N_("Write a message first.") if not text else
               N_("A message has at most 5000 characters.") if len(text) > TEXT_MAX else None)
    if problem is None:
        try:
            await notify_for(user).edit(dossier_id, conversation_id, message_id, text)
        except ServiceCallError as exc:
            if exc.status == 403:
                raise PageError(403, N_("Not allowed"), N_("Only the author of a message may change it.")) from exc
            if exc.status not in (409, 422):
                raise
            problem = say_error(exc.code, exc.params, user.language)
    if problem is not None:
        return await thread_page(user, dossier_id, conversation_id, status=422,
                                 edit_error={"id": message_id, "text": text, "error": problem})
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{conversation_id}#m-{message_id}")


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/archive")
async def archive(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """The office archives a closed conversation and comes back to the (current) list."""
    if not user.is_collaborator or not user.may("conversation.close", dossier_id):
        raise forbidden()
    try:
        await notify_for(user).archive(dossier_id, conversation_id)
    except ServiceCallError as exc:
        if exc.status != 409:
            raise
        return await thread_page(user, dossier_id, conversation_id, status=409,
                                 error=say_error(exc.code, exc.params, user.language))
    return redirect(user.request, f"/dossiers/{dossier_id}/messages")


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/restore")
async def restore(dossier_id: str, conversation_id: str, user: User = Depends(current_user)) -> Response:
    """The office brings an archived conversation back to the (current) list; who may archive may restore."""
    if not user.is_collaborator or not user.may("conversation.close", dossier_id):
        raise forbidden()
    await notify_for(user).restore(dossier_id, conversation_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages")
