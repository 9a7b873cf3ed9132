"""HTTP API of files in conversations (COM-1): a message with attachments (multipart: ``text`` and ``files``), a new
conversation whose first message has them (multipart: ``subject``, ``text``, ``recipient_user_id``, ``files``) and
a file's download, for who may reply to / see the thread of that dossier (runtime.auth: a foreign dossier is 403;
a thread not the caller's, or a file not of the thread, 404)."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http import deps
from runtime.http_media import file_answer
from runtime.limits import UPLOAD
from runtime.storage import content_disposition

from notify.domain.attachments import MAX_BYTES
from notify.domain.conversations import SUBJECT_MAX, TEXT_MAX
from notify.domain.errors import ConversationError
from notify.entrypoints.http.conversations import viewer
from notify.entrypoints.http.schemas import MessageWithFiles, ThreadOut
from notify.handlers import attachments as use

router = APIRouter(tags=["attachments"])
_THREAD = "/dossiers/{dossier_id}/conversations/{conversation_id}"
ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")  # what notify.domain.attachments.kind_of admits


async def _read(files: list[UploadFile]) -> list[tuple[str | None, bytes]]:
    return [(f.filename, await f.read(MAX_BYTES + 1)) for f in files]


@router.post("/dossiers/{dossier_id}/conversations/with-files", status_code=201, openapi_extra=UPLOAD,
             response_model=ThreadOut)
async def start_with_files(dossier_id: UUID, request: Request,
                           subject: str = Form(max_length=SUBJECT_MAX),
                           text: str = Form(default="", max_length=TEXT_MAX),
                           recipient_user_id: UUID | None = Form(default=None),
                           files: list[UploadFile] = File(default=[]),
                           who: Principal = Depends(require("conversation.start"))):
    """A new conversation as ``POST /conversations`` starts one, its first message with up to 5 PDFs or images (the
    same limits and errors as a reply's files); 422 for a blank subject or neither text nor file."""
    if not subject.strip():
        raise ConversationError("a conversation needs a subject")
    d = deps(request)
    return await use.start_with_files(d.pool, d.store, dossier_id, viewer(who, dossier_id), subject.strip(),
                                      text.strip(), recipient_user_id, await _read(files),
                                      d.settings.notify_portal_url)


@router.post(_THREAD + "/files", status_code=201, openapi_extra=UPLOAD,  # body up to the upload limit
             response_model=MessageWithFiles)
async def reply_with_files(dossier_id: UUID, conversation_id: UUID, request: Request,
                           text: str = Form(default="", max_length=TEXT_MAX),
                           files: list[UploadFile] = File(default=[]),
                           who: Principal = Depends(require("conversation.reply"))):
    """A message with up to 5 PDFs or images of at most 10 MB each (415 attachment_type, 413 attachment_too_large)."""
    given = await _read(files)
    d = deps(request)
    if d.store is None:  # pragma: no cover - every built service has one
        raise ConversationError("attachments are not available")
    return await use.reply_with_files(d.pool, d.store, dossier_id, conversation_id, viewer(who, dossier_id),
                                      text.strip(), given, d.settings.notify_portal_url)


@router.get(_THREAD + "/files/{file_id}", **file_answer("the file as sent", *ATTACHMENT_TYPES))
async def download(dossier_id: UUID, conversation_id: UUID, file_id: UUID, request: Request,
                   who: Principal = Depends(require("conversation.view"))) -> Response:
    d = deps(request)
    row, data = await use.download(d.pool, d.store, dossier_id, conversation_id, file_id, viewer(who, dossier_id))
    return Response(data, media_type=row["content_type"],
                    headers={"Content-Disposition": content_disposition(row["filename"]),
                             "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})
