"""WL-13 on the memory unit of work: failed recognitions remembered, one reprocess request for a selection."""
from __future__ import annotations

import uuid
from dataclasses import replace

from contracts.events.documents import DocumentReprocessRequested
from contracts.events.recognition import DocumentRecognized
from runtime.auth.principal import Principal, PrincipalKind, Role

from worklist.config import WorklistSettings
from worklist.domain.records import Proposal
from worklist.handlers.context import Caller, Deps
from worklist.handlers.events import created_row
from worklist.handlers.reprocess import document_recognized, reprocess

from worklist_memory import MemoryUnitOfWork
from worklist_testkit import proposal_created

OFFICE, DOSSIER = uuid.uuid4(), uuid.uuid4()
CALLER = Caller(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(OFFICE), role=Role.COLLABORATOR,
                          assigned_dossiers=frozenset({str(DOSSIER)})), name="Colla", correlation_id="c-2")
DOSSIER_VIEW = {"dossier_id": DOSSIER, "office_id": OFFICE}


def recognized(document_id: uuid.UUID, status: str, code: str | None = None) -> DocumentRecognized:
    return DocumentRecognized.model_validate({
        "correlation_id": "t", "office_id": str(OFFICE), "dossier_id": str(DOSSIER), "document_id": str(document_id),
        "status": status, "error_code": code, "sha256": "0" * 64})


async def test_a_timed_out_document_is_read_again_once():
    uow = MemoryUnitOfWork()
    deps = Deps(pool=None, settings=WorklistSettings(service="worklist-test"), unit_of_work=uow)  # type: ignore[arg-type]
    timed_out, unreadable = (replace(Proposal.from_row(created_row(proposal_created(str(OFFICE), str(DOSSIER)),
                                                                   "purchases")), status="technical_error")
                             for _ in range(2))
    async with uow() as u:
        for p, code in ((timed_out, "timeout"), (unreadable, "unreadable")):
            await u.proposals.add(p)
            await document_recognized(u, recognized(p.document_id, "technical_error", code))
    unknown = uuid.uuid4()
    outcome = await reprocess(deps, DOSSIER_VIEW, [timed_out.proposal_id, unreadable.proposal_id, unknown], CALLER)
    assert outcome.done == [timed_out.proposal_id]
    assert [(r.proposal_id, r.code) for r in outcome.refused] == [(unreadable.proposal_id, "not_passing"),
                                                                  (unknown, "not_found")]
    [event] = uow.published
    assert isinstance(event, DocumentReprocessRequested) and event.document_ids == (timed_out.document_id,)
    again = await reprocess(deps, DOSSIER_VIEW, [timed_out.proposal_id], CALLER)
    assert [r.code for r in again.refused] == ["already_reprocessing"] and len(uow.published) == 1
    async with uow() as u:
        await document_recognized(u, recognized(timed_out.document_id, "complete"))
    assert uow.failures.rows.keys() == {unreadable.document_id}
