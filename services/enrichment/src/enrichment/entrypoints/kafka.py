"""What enrichment follows on Kafka; each subscriber turns the event into one use case on the event's transaction.

Ack policy: the shared consumer (runtime.subscriptions) commits the offset only after the inbox row and
the effect are committed together; failures retry, then go to <topic>.dlq.
"""
from __future__ import annotations

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalWithdrawn
from contracts.events.recognition import DocumentRecognized
from runtime.errors import PermanentError
from runtime.outbox import enqueue

from enrichment.adapters.postgres import PgReplica
from enrichment.entrypoints.metrics import PROPOSALS, WARNINGS
from enrichment.handlers import propose, replicate

SOURCE = "enrichment"


def event_handlers(proposal_topic: str | None = None) -> dict:
    """topic -> handler; `proposal_topic` overrides where proposal.created goes (tests)."""

    async def on_recognized(conn: asyncpg.Connection, event: DocumentRecognized) -> None:
        if event.dossier_id is None:
            raise PermanentError("document.recognized without dossier_id: no dossier to propose in")
        created = await propose.propose(PgReplica(conn), event)
        if created is not None:
            await enqueue(conn, created, source=SOURCE, topic=proposal_topic)
            PROPOSALS.labels(created.status, created.counterparty.status).inc()
            for warning in created.warnings:
                WARNINGS.labels(warning.code).inc()

    async def on_ledger(conn: asyncpg.Connection, event: LedgerSynced) -> None:
        await replicate.apply_ledger(PgReplica(conn), event)

    async def on_dossier(conn: asyncpg.Connection, event: DossierChanged) -> None:
        await replicate.apply_dossier(PgReplica(conn), event)

    async def on_withdrawn(conn: asyncpg.Connection, event: ProposalWithdrawn) -> None:
        await replicate.withdraw(PgReplica(conn), event)

    return {"document.recognized": on_recognized, "ledger.synced": on_ledger, "dossier.changed": on_dossier,
            "proposal.withdrawn": on_withdrawn}
