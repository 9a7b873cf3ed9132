"""Split (ING-6), bulk split (ING-8), merge (ING-7) and send (ING-9)."""
from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from runtime.auth.fastapi import require

from ingest.entrypoints.http.common import deps_of, view
from ingest.entrypoints.http.schemas import DocumentsOut, MergedOut
from ingest.handlers import pages, sending

router = APIRouter(tags=["pages"])


class SplitRequest(BaseModel):
    """ING-6: the pages of each invoice (1-based); ``send`` sends the parts for processing at once."""

    parts: list[list[int]] = Field(min_length=1, max_length=500)
    send: bool = False


class BulkSplitRequest(BaseModel):
    """ING-8: the first page of each invoice; each part runs until the next first page."""

    first_pages: list[int] = Field(min_length=1, max_length=500)
    send: bool = False


class MergePage(BaseModel):
    """One page of a source document."""

    document_id: UUID
    page: int = Field(ge=1)


class MergeRequest(BaseModel):
    """ING-7: the pages to keep, in the order of the new document."""

    pages: list[MergePage] = Field(min_length=1, max_length=2000)
    filename: str | None = Field(default=None, max_length=200)
    mailbox: Literal["purchases", "sales", "misc"] | None = None
    send: bool = False


class SendRequest(BaseModel):
    """ING-9: the documents to send to the accountant."""

    document_ids: list[UUID] = Field(min_length=1, max_length=500)


@router.post("/dossiers/{dossier_id}/documents/{document_id}/split", status_code=201, summary="Split (ING-6)",
             response_model=DocumentsOut)
async def split(request: Request, dossier_id: UUID, document_id: UUID, body: SplitRequest,
                _=Depends(require("document.split"))) -> dict:
    made = await pages.split(deps_of(request), dossier_id, document_id, body.parts, send=body.send)
    return {"documents": [view(d) for d in made]}


@router.post("/dossiers/{dossier_id}/documents/{document_id}/bulk-split", status_code=201,
             summary="Bulk split by first pages (ING-8)", response_model=DocumentsOut)
async def bulk_split(request: Request, dossier_id: UUID, document_id: UUID, body: BulkSplitRequest,
                     _=Depends(require("document.split"))) -> dict:
    made = await pages.split(deps_of(request), dossier_id, document_id, body.first_pages, send=body.send, bulk=True)
    return {"documents": [view(d) for d in made]}


@router.post("/dossiers/{dossier_id}/merge", status_code=201, summary="Merge pages of several documents (ING-7)",
             response_model=MergedOut)
async def merge(request: Request, dossier_id: UUID, body: MergeRequest,
                _=Depends(require("document.split"))) -> dict:
    chosen = [(p.document_id, p.page) for p in body.pages]
    made = await pages.merge(deps_of(request), dossier_id, chosen, filename=body.filename, mailbox=body.mailbox,
                             send=body.send)
    return {"document": view(made)}


@router.post("/dossiers/{dossier_id}/send", summary='Send to the accountant: to "In processing" (ING-9)',
             response_model=DocumentsOut)
async def send(request: Request, dossier_id: UUID, body: SendRequest, _=Depends(require("document.send"))) -> dict:
    sent = await sending.send(deps_of(request), dossier_id, body.document_ids)
    return {"documents": [view(d) for d in sent]}
