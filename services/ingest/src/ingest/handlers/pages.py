"""ING-6 split, ING-7 merge, ING-8 bulk split: new documents from chosen pages; the sources are kept as 'replaced'."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from uuid import UUID

from ingest.adapters import pdf
from ingest.domain import selection
from ingest.domain.document import Document
from ingest.domain.errors import NotFound, NotSplittable
from ingest.domain.ports import UnitOfWork
from ingest.handlers.context import Deps
from ingest.handlers.intake import store_new
from ingest.handlers.sending import send_one


def _part_name(filename: str, number: int) -> str:
    stem = filename.rsplit(".", 1)[0] if filename.lower().endswith(".pdf") else filename
    return f"{stem} ({number}).pdf"


async def _source(uow: UnitOfWork, dossier_id: UUID, document_id: UUID) -> Document:
    doc = await uow.documents.get(dossier_id, document_id, for_update=True, statuses=("mailbox",))
    if doc is None:
        raise NotFound(f"document {document_id} is not in a mailbox of this dossier")
    if doc.content_type != "application/pdf" or doc.page_count is None:
        raise NotSplittable(f"{doc.filename}: {doc.problem or 'its pages cannot be read'}")
    return doc


async def split(deps: Deps, dossier_id: UUID, document_id: UUID, parts: Sequence[Sequence[int]],
                *, send: bool = False, bulk: bool = False) -> list[Document]:
    """Split a mailbox document into parts (page groups, or first pages when ``bulk``); optionally send them."""
    async with deps.uow() as uow:
        doc = await _source(uow, dossier_id, document_id)
        count = doc.page_count
        assert count is not None
        groups = selection.bulk_parts(parts, count) if bulk else selection.split_parts(parts, count)
        data = await deps.store.get_bytes(doc.storage_key)
        pieces = await pdf.split(data, groups)
        made = []
        for number, (group, piece) in enumerate(zip(groups, pieces), 1):
            new = await store_new(deps, uow, doc, piece, len(group), _part_name(doc.filename, number), [doc.id])
            made.append(await send_one(uow, new) if send else new)
        doc.replace()
        await uow.documents.save(doc)
        return made


async def merge(deps: Deps, dossier_id: UUID, pages: Sequence[tuple[UUID, int]], *, filename: str | None = None,
                mailbox: str | None = None, send: bool = False) -> Document:
    """Merge chosen pages of several mailbox documents into one new document; the sources are replaced."""
    async with deps.uow() as uow:
        sources: dict[UUID, Document] = {}
        for document_id in dict.fromkeys(doc for doc, _ in pages):
            sources[document_id] = await _source(uow, dossier_id, document_id)
        chosen = selection.merge_pages(pages, {k: v.page_count for k, v in sources.items()})
        contents = {str(k): await deps.store.get_bytes(v.storage_key) for k, v in sources.items()}
        merged = await pdf.merge(contents, [(str(doc), page) for doc, page in chosen])
        first = sources[chosen[0][0]]
        template = replace(first, mailbox=mailbox or first.mailbox, events=[])
        name = filename or _part_name(first.filename, 1).replace(" (1).pdf", " (merged).pdf")
        new = await store_new(deps, uow, template, merged, len(chosen), name, list(sources))
        for source in sources.values():
            source.replace()
            await uow.documents.save(source)
        return await send_one(uow, new) if send else new
