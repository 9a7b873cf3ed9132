"""WL-13: read again documents whose recognition failed for a passing reason; follow their new outcome."""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.documents import DocumentReprocessRequested
from contracts.events.recognition import DocumentRecognized

from worklist.adapters.unit_of_work import PgUnitOfWork
from worklist.domain.ports import UnitOfWork
from worklist.domain.records import Failure
from worklist.domain.reprocess import REFUSALS, refusal
from worklist.handlers.actions import Outcome, Refusal
from worklist.handlers.context import Caller, Deps


async def document_recognized(uow: UnitOfWork, event: DocumentRecognized) -> None:
    """A technical error is remembered with its code (and answers a reprocess request); a reading clears it."""
    if event.dossier_id is None:
        return
    if event.status == "technical_error":
        await uow.failures.record(Failure(event.document_id, event.dossier_id, event.error_code or "unknown",
                                          event.event_id))
    else:
        await uow.failures.clear(event.document_id)


async def on_document_recognized(conn: asyncpg.Connection, event: DocumentRecognized,
                                 deps: Deps | None = None) -> None:
    """document.recognized on its inbox transaction."""
    async with PgUnitOfWork.within(conn) as uow:
        await document_recognized(uow, event)


async def reprocess(deps: Deps, dossier: Mapping[str, Any], ids: list[UUID], caller: Caller) -> Outcome:
    """Ask ingest to publish document.received again for every reprocessable proposal of the selection; the
    others are refused with a code. One request (one event) for all of them, in the transaction marking them."""
    dossier_id = dossier["dossier_id"]
    outcome, documents = Outcome(), []
    async with deps.uow() as uow:
        selection = [(pid, await uow.proposals.get(dossier_id, pid, lock=True)) for pid in dict.fromkeys(ids)]
        found = await uow.failures.of_documents(dossier_id, [p.document_id for _, p in selection if p], lock=True)
        for proposal_id, proposal in selection:
            code = "not_found" if proposal is None else refusal(proposal.as_row(), found.get(proposal.document_id))
            if code is None:
                outcome.done.append(proposal_id)
                documents.append(proposal.document_id)
            else:
                outcome.refused.append(Refusal(proposal_id, code, REFUSALS.get(
                    code, f"proposal {proposal_id} is not in this dossier")))
        if documents:
            request_id = uuid.uuid4()
            await uow.failures.mark_reprocessing(documents, request_id)
            uow.publish(DocumentReprocessRequested(
                correlation_id=caller.correlation_id, office_id=dossier["office_id"], dossier_id=dossier_id,
                request_id=request_id, document_ids=tuple(documents), requested_by=caller.actor))
    return outcome
