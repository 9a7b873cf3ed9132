"""ING-9: send documents to the accountant — they move to "In processing" and document.received is published."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

from ingest.domain.document import Document
from ingest.domain.errors import NotFound
from ingest.domain.ports import UnitOfWork
from ingest.handlers.context import Deps


async def send_one(uow: UnitOfWork, doc: Document, *, auto: bool = False) -> Document:
    """Move one mailbox document to processing (its event goes out when the caller's unit of work commits)."""
    if doc.send(datetime.now(timezone.utc), auto=auto):
        await uow.documents.save(doc)
    return doc


async def send(deps: Deps, dossier_id: UUID, document_ids: list[UUID]) -> list[Document]:
    """Send the chosen documents; those already sent stay as they are (sending twice publishes once)."""
    async with deps.uow() as uow:
        found = []
        for document_id in dict.fromkeys(document_ids):
            doc = await uow.documents.get(dossier_id, document_id, for_update=True)
            if doc is None:
                raise NotFound(f"document {document_id} is not in this dossier")
            found.append(doc)
        return [await send_one(uow, doc) for doc in found]
