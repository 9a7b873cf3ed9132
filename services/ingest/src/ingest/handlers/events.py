"""Use cases of what ingest follows on Kafka (table: entrypoints/kafka.py): the dossier replica, and documents
leaving "In processing" once processed, booked or no longer booked. The use cases work on a unit of work; the
`on_*` edges are `(conn, event, deps)` and run them on the event's inbox transaction."""
from __future__ import annotations

import asyncpg
from contracts.events.bookings import BookingRecorded
from contracts.events.proposals import ProposalCreated
from runtime import replica as dossiers

from ingest.adapters import replica
from ingest.adapters.unit_of_work import PgUnitOfWork
from ingest.domain.ports import UnitOfWork
from ingest.handlers.context import Deps


# the platform's dossier replica (settings, auto-transmission) with ingest's inbound addresses (ING-2)
on_dossier_changed = dossiers.projection(replica.save_addresses)


async def proposal_created(uow: UnitOfWork, event: ProposalCreated) -> None:
    """The office has a booking proposal for the document: it leaves "In processing"."""
    doc = await uow.documents.lock(event.document_id)
    if doc is not None and doc.status == "processing":
        doc.processed(event.occurred_at)
        await uow.documents.save(doc)


async def booking_recorded(uow: UnitOfWork, event: BookingRecorded) -> None:
    """The document was booked in the accounting software, or its booking was deleted there (SYN-6); a refused
    posting is kept on the document for its timeline (issue 15 item 5: the office corrects it)."""
    if event.document_id is None:
        return
    doc = await uow.documents.lock(event.document_id)
    if doc is None:
        return
    if event.outcome != "succeeded":
        if event.action == "posted":
            doc.refused(event.occurred_at, event.error_code)
    elif event.action == "posted":
        doc.booked(event.occurred_at)
    else:  # deleted: no longer booked; it stays among the processed documents
        doc.unbooked()
    await uow.documents.save(doc)


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated, deps: Deps | None = None) -> None:
    async with PgUnitOfWork.within(conn) as uow:
        await proposal_created(uow, event)


async def on_booking_recorded(conn: asyncpg.Connection, event: BookingRecorded, deps: Deps | None = None) -> None:
    async with PgUnitOfWork.within(conn) as uow:
        await booking_recorded(uow, event)
