"""Uploads (ING-1 portal, ING-3 mobile capture, ING-4 API with a dossier-scoped key): files into a mailbox."""
from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.limits import UPLOAD

from ingest.domain.errors import EmptyFile, IngestError, TooLarge, TooManyFiles
from ingest.domain.files import IncomingFile, safe_filename
from ingest.handlers import intake as intake_handler
from ingest.handlers.context import Deps, Origin
from ingest.handlers.intake import IntakeResult
from ingest.entrypoints.http.common import claims_of, deps_of, dossier_of, view
from ingest.entrypoints.http.schemas import UploadOut

router = APIRouter(tags=["uploads"])
Mailbox = Literal["purchases", "sales", "misc"]
UploadMailbox = Literal["purchases", "sales", "misc", "bank"]  # bank: CODA / camt.053 statements (issue 17)
UPLOAD_DOC = """Upload one or many files (PDF, JPEG/PNG/HEIC photos, UBL or CII XML, a ZIP of those) into a mailbox.

Bank statements (CODA, camt.053; by content, in any mailbox; the `bank` mailbox takes nothing else) are checked
(a malformed or unbalanced file is refused with the reason), stored and imported into the accounting software;
the answer lists them under `statements`.

Authenticate with a user's token or, for integrations (ING-4), with the token `POST /auth/api-token` of the
office service gives for a dossier-scoped API key (`Authorization: Bearer <token>`; the key's mailbox only).
Answers 201 with the new documents, the files that were already there (`duplicates`, not stored twice)
and the files refused with the reason (`rejected`); when nothing could be stored, the error of the first
refused file (413 too large, 422 unsupported type, empty file, too many pages, decompression bomb...).
"""
CAPTURE_NAME = ("the name of the PDF the photos become, in the reader's language (the portal gives it, issue 15); "
                "without it the single photo's name, or 'capture-N-photos.pdf' for several")

# the answer is built by `_answer` (201, or 200 when the files were all there already; 4xx when nothing was stored)
ALSO_200: dict = {200: {"model": UploadOut, "description": "Nothing new: the files were all there already"}}


async def _read(files: list[UploadFile], deps: Deps) -> tuple[list[IncomingFile], list[IngestError]]:
    limit = deps.settings.ingest_max_file_bytes
    if len(files) > deps.settings.ingest_max_files:
        raise TooManyFiles(f"{len(files)} files at once, at most {deps.settings.ingest_max_files}")
    incoming, refused = [], []
    for upload in files:
        name = safe_filename(upload.filename)
        data = await upload.read(limit + 1)
        if len(data) > limit:
            refused.append(TooLarge(f"{name}: over the limit of {limit} bytes per file", filename=name))
        else:
            incoming.append(IncomingFile(name, data))
    return incoming, refused


def _answer(result: IntakeResult, refused_before: list[IngestError]) -> JSONResponse:
    rejected = [*refused_before, *result.refused]
    body: dict[str, Any] = {
        "documents": [view(d) for d in result.documents],
        "duplicates": [{"filename": name, "duplicate_of": view(d)} for name, d in result.duplicates],
        "statements": [{"statement_file_id": str(s.statement_file_id), "filename": s.filename, "format": s.format,
                        "sha256": s.sha256} for s in result.statements],
        "rejected": [{"filename": e.filename, "code": e.code, "message": e.message} for e in rejected],
    }
    if not result.documents and not result.duplicates and not result.statements and rejected:
        first = rejected[0]
        return JSONResponse({"error": {"code": first.code, "message": first.message, "filename": first.filename},
                             **body}, status_code=first.status)
    return JSONResponse(body, status_code=201 if result.documents or result.statements else 200)


@router.post("/dossiers/{dossier_id}/mailboxes/{mailbox}/documents", status_code=201, description=UPLOAD_DOC,
             openapi_extra=UPLOAD, response_model=UploadOut, responses=ALSO_200,
             summary="Upload documents into a mailbox (portal, API key)")
async def upload(request: Request, dossier_id: UUID, mailbox: UploadMailbox, files: list[UploadFile] = File(...),
                 principal: Principal = Depends(require("document.upload"))) -> JSONResponse:
    deps = deps_of(request)
    dossier = await dossier_of(request, dossier_id)
    incoming, refused = await _read(files, deps)
    origin = Origin.of(principal, "portal", claims_of(request))
    result = await intake_handler.intake(deps, dossier, mailbox, incoming, origin)
    return _answer(result, refused)


@router.post("/dossiers/{dossier_id}/mailboxes/{mailbox}/capture", status_code=201, openapi_extra=UPLOAD,
             response_model=UploadOut, responses=ALSO_200, summary="Mobile capture: several photos become one multi-page PDF document (ING-3, client users)")
async def capture(request: Request, dossier_id: UUID, mailbox: Mailbox, files: list[UploadFile] = File(...),
                  filename: str | None = Form(default=None, max_length=200, description=CAPTURE_NAME),
                  principal: Principal = Depends(require("document.mobile_capture"))) -> JSONResponse:
    deps = deps_of(request)
    dossier = await dossier_of(request, dossier_id)
    incoming, refused = await _read(files, deps)
    if refused:
        raise refused[0]
    if not incoming:
        raise EmptyFile("take at least one photo")
    origin = Origin.of(principal, "mobile", claims_of(request))
    name = safe_filename(filename) if filename and filename.strip() else None
    return _answer(await intake_handler.capture(deps, dossier, mailbox, incoming, origin, name=name), [])
