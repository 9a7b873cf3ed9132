"""WL-13: read again documents whose recognition failed for a passing reason; follow their new outcome."""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.documents import DocumentReprocessRequested
from contracts.events.recognition import DocumentRecognized
from runtime.outbox import enqueue

from worklist.adapters import failures, proposals
from worklist.domain.reprocess import REFUSALS, refusal
from worklist.handlers.context import Caller, Deps

SERVICE = "worklist"


async def on_document_recognized(conn: asyncpg.Connection, event: DocumentRecognized,
                                 deps: Deps | None = None) -> None:
    """A technical error is remembered with its code (and answers a reprocess request); a reading clears it."""
    if event.dossier_id is None:
        return
    if event.status == "technical_error":
        await failures.record(conn, event.document_id, event.dossier_id, event.error_code or "unknown",
                              event.event_id)
    else:
        await failures.clear(conn, event.document_id)


async def _selection(conn: asyncpg.Connection, dossier_id: UUID, ids: list[UUID]) -> list[tuple[UUID, Any]]:
    """Each asked proposal id with its locked row (None when it is not a live proposal of the dossier)."""
    return [(pid, await proposals.get(conn, dossier_id, pid, lock=True)) for pid in dict.fromkeys(ids)]


async def reprocess(deps: Deps, dossier: Mapping[str, Any], ids: list[UUID], caller: Caller) -> dict[str, Any]:
    """Ask ingest to publish document.received again for every reprocessable proposal of the selection; the
    others are refused with a code. One request (one event) for all of them, in the transaction marking them."""
    dossier_id = dossier["dossier_id"]
    done, refused, documents = [], [], []
    async with deps.pool.acquire() as conn, conn.transaction():
        selection = await _selection(conn, dossier_id, ids)
        found = await failures.of_documents(conn, dossier_id, [row["document_id"] for _, row in selection if row],
                                            lock=True)
        for proposal_id, row in selection:
            code = "not_found" if row is None else refusal(row, found.get(row["document_id"]))
            if code is None:
                done.append(str(proposal_id))
                documents.append(row["document_id"])
            else:
                refused.append({"proposal_id": str(proposal_id), "code": code,
                                "message": REFUSALS.get(code, f"proposal {proposal_id} is not in this dossier")})
        if documents:
            request_id = uuid.uuid4()
            await failures.mark_reprocessing(conn, documents, request_id)
            await enqueue(conn, DocumentReprocessRequested(
                correlation_id=caller.correlation_id, office_id=dossier["office_id"], dossier_id=dossier_id,
                request_id=request_id, document_ids=tuple(documents), requested_by=caller.actor), source=SERVICE)
    return {"done": done, "refused": refused}
