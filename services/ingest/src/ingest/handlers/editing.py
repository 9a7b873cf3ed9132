"""ING-5: labels, notes, rename, move, delete, download and page thumbnails of mailbox documents."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from ingest.adapters import pdf
from ingest.domain.document import Document
from ingest.domain.errors import InvalidSelection, NotFound
from ingest.domain.files import safe_filename
from ingest.handlers.context import Deps

MAX_LABELS, MAX_LABEL, MAX_NOTE = 20, 40, 4000


def _labels(values: Any) -> list[str]:
    clean = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
    if len(clean) > MAX_LABELS or any(len(v) > MAX_LABEL for v in clean):
        raise InvalidSelection(f"at most {MAX_LABELS} labels of at most {MAX_LABEL} characters")
    return clean


async def edit(deps: Deps, dossier_id: UUID, document_id: UUID, changes: Mapping[str, object]) -> Document:
    """Rename, label, annotate or move a document; only mailbox documents may be renamed or moved."""
    async with deps.uow() as uow:
        doc = await uow.documents.get(dossier_id, document_id, for_update=True)
        if doc is None:
            raise NotFound(f"document {document_id} is not in this dossier")
        labels, note, filename, mailbox = (changes.get(k) for k in ("labels", "note", "filename", "mailbox"))
        if labels is None and note is None and filename is None and mailbox is None:
            return doc
        doc.edit(labels=tuple(_labels(labels)) if labels is not None else None,
                 note=(str(note).strip()[:MAX_NOTE] or None) if note is not None else None, set_note=note is not None,
                 filename=safe_filename(str(filename)) if filename is not None else None,
                 mailbox=str(mailbox) if mailbox is not None else None)
        await uow.documents.save(doc)
        return doc


async def delete(deps: Deps, dossier_id: UUID, document_id: UUID) -> None:
    """Delete a mailbox document (kept in the object store; a document in processing cannot be deleted)."""
    async with deps.uow() as uow:
        doc = await uow.documents.get(dossier_id, document_id, for_update=True)
        if doc is None:
            raise NotFound(f"document {document_id} is not in this dossier")
        doc.delete()
        await uow.documents.save(doc)


def _readable(doc: Document | None, document_id: UUID, sent_only: bool) -> Document:
    """The document, unless it is not in the dossier or (for worklist readers) not sent into processing."""
    if doc is None or (sent_only and doc.status not in SENT):
        raise NotFound(f"document {document_id} is not in this dossier")
    return doc


SENT = ("processing", "processed", "booked")
"""Statuses of documents that went into processing: the ones a worklist shows."""


async def content(deps: Deps, dossier_id: UUID, document_id: UUID, original: bool = False, *,
                  sent_only: bool = False) -> tuple[bytes, str, str]:
    """The bytes, media type and name of a document (or of the photo it was made from)."""
    async with deps.uow() as uow:
        doc = _readable(await uow.documents.get(dossier_id, document_id), document_id, sent_only)
    if original and doc.originals:
        first = doc.originals[0]
        return await deps.store.get_bytes(first.key), first.content_type, first.filename
    return await deps.store.get_bytes(doc.storage_key), doc.content_type, doc.filename


async def thumbnail(deps: Deps, dossier_id: UUID, document_id: UUID, page: int, *, sent_only: bool = False) -> bytes:
    """A PNG of one page, rendered once and kept in the object store."""
    async with deps.uow() as uow:
        doc = _readable(await uow.documents.get(dossier_id, document_id), document_id, sent_only)
        if doc.page_count is None or not 1 <= page <= doc.page_count:
            raise NotFound("no such page")
        key = await uow.documents.thumbnail_key(document_id, page)
    if key:
        return await deps.store.get_bytes(key)
    image = await pdf.thumbnail(await deps.store.get_bytes(doc.storage_key), page,
                                deps.settings.ingest_thumbnail_width)
    stored = await deps.store.put_bytes(image, "image/png")
    async with deps.uow() as uow:
        await uow.documents.save_thumbnail(document_id, page, stored.key)
    return image
