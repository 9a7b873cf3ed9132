"""COM-1 attachments on a conversation's page: the reply form sends its text and files (multipart) to notify,
which checks and stores them; an attached file is served to who may see the thread (notify decides: another
dossier's or another user's thread is 404). Refusals come back on the form in the user's language."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.message_thread import thread_page
from portal.entrypoints.http.web import Form, PageError, PageRoute, forbidden, is_htmx, redirect
from portal.i18n import N_
from portal.i18n.error_codes import say_error
from runtime.limits import UPLOAD

router = APIRouter(route_class=PageRoute)
MAX_FILES, MAX_FILE_BYTES, TEXT_MAX = 5, 10 * 1024 * 1024, 5000


async def multipart(request: Request) -> list[tuple[str, bytes, str]]:
    """The files of a multipart form, its text fields kept as the request's form (so the CSRF check reads its
    token); declared before current_user on a route so it runs first."""
    if int(request.headers.get("content-length") or 0) > MAX_FILES * MAX_FILE_BYTES + 1024 * 1024:
        raise PageError(413, N_("Too much data"), N_("The form sent more data than the portal accepts."))
    form = await request.form(max_files=MAX_FILES + 1, max_fields=20)
    request.state.form = Form({k: [v] for k, v in form.items() if isinstance(v, str)})
    return [(f.filename or "file", await f.read(MAX_FILE_BYTES + 1), f.content_type or "application/octet-stream")
            for f in form.getlist("files") if hasattr(f, "read") and f.filename]


@router.post("/dossiers/{dossier_id}/messages/{conversation_id}/attach", openapi_extra=UPLOAD)
async def attach(dossier_id: str, conversation_id: str, files: list = Depends(multipart),
                 user: User = Depends(current_user)) -> Response:
    """A message with its text and files; htmx swaps the thread's body, a plain post comes back to the thread."""
    if not user.may("conversation.reply", dossier_id):
        raise forbidden()
    text = user.form.get("text")
    problem = (N_("Write a message or attach a file.") if not text and not files else
               N_("A message has at most 5000 characters.") if len(text) > TEXT_MAX else None)
    if problem is None:
        try:
            await notify_for(user).reply_with_files(dossier_id, conversation_id, text, files)
        except ServiceCallError as exc:
            if exc.status not in (409, 413, 415, 422):
                raise
            problem = say_error(exc.code, exc.params, user.language)
    if problem is not None:
        return await thread_page(user, dossier_id, conversation_id, error=problem, text=text, status=422)
    if is_htmx(user.request):
        return await thread_page(user, dossier_id, conversation_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/messages/{conversation_id}")


@router.get("/dossiers/{dossier_id}/messages/{conversation_id}/files/{file_id}")
async def download(dossier_id: str, conversation_id: str, file_id: str,
                   user: User = Depends(current_user)) -> Response:
    if not user.may("conversation.view", dossier_id):
        raise forbidden()
    got = await notify_for(user).file(dossier_id, conversation_id, file_id)
    return file_response(got.content, got.headers.get("content-type") or "application/octet-stream",
                         disposition=got.headers.get("content-disposition", "attachment"))
