"""One conversation's page (COM-1, COM-4, WL-6): its messages in order with edits and read receipts, the reply form,
and for the office closing and archiving. Rendered by the pages that come back to it (message_pages,
message_edit_pages); an htmx post gets only the thread's body."""
from __future__ import annotations

from fastapi import Response

from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.web import is_htmx


async def thread_page(user: User, dossier_id: str, conversation_id: str, *, error: str | None = None,
                      text: str = "", status: int = 200, edit_error: dict[str, str] | None = None) -> Response:
    """``edit_error``: the message being edited ({id, text, error}) when its new text was refused."""
    thread = await notify_for(user).conversation(dossier_id, conversation_id)
    partial = is_htmx(user.request) and user.request.method == "POST"
    office_side = user.is_collaborator and user.may("conversation.close", dossier_id)
    return user.page("message_thread.html" if not partial else "partials/message_thread_body.html",
                     dossier_id=dossier_id, thread=thread, error=error, text=text, edit_error=edit_error or {},
                     may_reply=user.may("conversation.reply", dossier_id), may_close=office_side,
                     may_archive=office_side, may_open_document=user.may("document.view", dossier_id),
                     **await dossier_context(user, dossier_id), status=status)
