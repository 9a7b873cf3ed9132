"""WL-13: documents whose recognition failed for a passing reason are read again — ingest, the owner of
document.received, publishes it once more and the document is back "In processing" until its new proposal."""
from __future__ import annotations

import logging
from uuid import UUID, uuid5

import asyncpg
from contracts.events.documents import DocumentReprocessRequested

from ingest.adapters.unit_of_work import PgUnitOfWork
from ingest.domain.ports import UnitOfWork
from ingest.handlers.context import Deps

log = logging.getLogger(__name__)
_REPROCESS = UUID("0b6a3d52-7c1e-4f59-9a8e-5d2f1c4b7e21")  # namespace of the republished events' ids
SENT = ("processing", "processed")  # only documents sent to the office and not booked, replaced or deleted


def reprocess_event_id(request_id: UUID, document_id: UUID) -> UUID:
    """The id of the document.received republished for a document by a request: one per request and document."""
    return uuid5(_REPROCESS, f"{request_id}:{document_id}")


async def reprocess(uow: UnitOfWork, event: DocumentReprocessRequested) -> None:
    """Publish document.received again for each sent document of the request's dossier; others are skipped."""
    if event.dossier_id is None:
        return
    for document_id in dict.fromkeys(event.document_ids):
        doc = await uow.documents.get(event.dossier_id, document_id, for_update=True, statuses=SENT)
        if doc is None:
            log.warning("reprocess %s: document %s is not a sent document of dossier %s; skipped",
                        event.request_id, document_id, event.dossier_id)
            continue
        doc.reread(reprocess_event_id(event.request_id, document_id), event.correlation_id)
        await uow.documents.save(doc)


async def on_reprocess_requested(conn: asyncpg.Connection, event: DocumentReprocessRequested,
                                 deps: Deps | None = None) -> None:
    """The Kafka edge: the use case on the event's inbox transaction."""
    async with PgUnitOfWork.within(conn) as uow:
        await reprocess(uow, event)
