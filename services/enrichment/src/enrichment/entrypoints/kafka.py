"""What enrichment follows on Kafka; each subscriber turns the event into one use case on the event's transaction.

Ack policy: the shared consumer (runtime.dispatch.KeyedDispatcher) commits offsets only up to records
whose inbox row and effect are committed together; failures retry, then go to <topic>.dlq.
"""
from __future__ import annotations

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalWithdrawn
from contracts.events.recognition import DocumentRecognized
from runtime import replica as dossiers
from runtime.errors import PermanentError
from runtime.outbox import enqueue

from enrichment.adapters.postgres import PgReplica
from enrichment.entrypoints.metrics import PROPOSALS, WARNINGS
from enrichment.handlers import propose, replicate
from enrichment.handlers.context import Deps

SOURCE = "enrichment"


async def on_recognized(conn: asyncpg.Connection, event: DocumentRecognized, deps: Deps) -> None:
    if event.dossier_id is None:
        raise PermanentError("document.recognized without dossier_id: no dossier to propose in")
    # before its dossier.changed: waited for (retried), not guessed — for a minute at most, then proposed without it
    await dossiers.require(conn, event.dossier_id, since=event.occurred_at)
    created = await propose.propose(PgReplica(conn), event)
    if created is not None:
        await enqueue(conn, created, source=SOURCE)
        PROPOSALS.labels(created.status, created.counterparty.status).inc()
        for warning in created.warnings:
            WARNINGS.labels(warning.code).inc()


async def on_ledger(conn: asyncpg.Connection, event: LedgerSynced, deps: Deps) -> None:
    await replicate.apply_ledger(PgReplica(conn), event)


async def on_booking(conn: asyncpg.Connection, event: BookingRecorded, deps: Deps) -> None:
    await replicate.apply_booking(PgReplica(conn), event)


async def on_dossier(conn: asyncpg.Connection, event: DossierChanged, deps: Deps) -> None:
    await replicate.apply_dossier(PgReplica(conn), event)


async def on_withdrawn(conn: asyncpg.Connection, event: ProposalWithdrawn, deps: Deps) -> None:
    await replicate.withdraw(PgReplica(conn), event)


EVENT_HANDLERS = {"document.recognized": on_recognized, "ledger.synced": on_ledger, "booking.recorded": on_booking,
                  "dossier.changed": on_dossier,
                  "proposal.withdrawn": on_withdrawn}
