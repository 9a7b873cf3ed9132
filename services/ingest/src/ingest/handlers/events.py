"""What ingest follows on Kafka: the dossier replica, and documents leaving "In processing" once processed."""
from __future__ import annotations

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalCreated

from ingest.adapters import replica
from ingest.handlers.reprocess import on_reprocess_requested


async def on_dossier_changed(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Keep the replica of the dossier (settings, auto-transmission, inbound addresses)."""
    if event.dossier_id is not None:
        await replica.apply(conn, event)


async def on_proposal_created(conn: asyncpg.Connection, event: ProposalCreated) -> None:
    """The office has a booking proposal for the document: it leaves "In processing"."""
    await conn.execute("UPDATE documents SET status = 'processed', processed_at = $2 WHERE id = $1 "
                       "AND status = 'processing'", event.document_id, event.occurred_at)


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced) -> None:
    """The document was booked in the accounting software, or its booking was deleted there (SYN-6); a refused
    posting is kept on the document for its timeline (issue 15 item 5: the office corrects it)."""
    if event.document_id is None:
        return
    if event.outcome != "succeeded":
        if event.action == "posted":
            await conn.execute("UPDATE documents SET refused_at = $2, refusal_code = $3 WHERE id = $1 "
                               "AND status = 'processed'", event.document_id, event.occurred_at, event.error_code)
        return
    if event.action == "posted":
        await conn.execute("UPDATE documents SET status = 'booked', processed_at = coalesce(processed_at, $2), "
                           "booked_at = $2, refused_at = NULL, refusal_code = NULL "
                           "WHERE id = $1 AND status IN ('processing', 'processed')", event.document_id,
                           event.occurred_at)
    elif event.action == "deleted":  # no longer booked; it stays among the processed documents
        await conn.execute("UPDATE documents SET status = 'processed', booked_at = NULL WHERE id = $1 "
                           "AND status = 'booked'", event.document_id)


EVENT_HANDLERS = {
    "dossier.changed": on_dossier_changed,
    "proposal.created": on_proposal_created,
    "ledger.synced": on_ledger_synced,
    "document.reprocess_requested": on_reprocess_requested,  # WL-13: read again, document.received anew
}
