"""The annotation screen's use cases on the memory unit of work: save (and review) with save-and-next, undo, a
manual entry, and what is read about a proposal (WL-5..9, REC-2)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from runtime.auth.principal import Principal, PrincipalKind, Role

from worklist.config import WorklistSettings
from worklist.domain.errors import Invalid, NotFound, NothingToUndo, StaleVersion
from worklist.domain.records import Proposal
from worklist.handlers import annotation, manual, reading
from worklist.handlers.context import Caller, Deps
from worklist.handlers.events import created_row

from worklist_memory import MemoryUnitOfWork
from worklist_testkit import proposal_created

OFFICE, DOSSIER = uuid.uuid4(), uuid.uuid4()
DOSSIER_VIEW = {"dossier_id": DOSSIER, "office_id": OFFICE, "settings": {}}
CALLER = Caller(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(OFFICE), role=Role.COLLABORATOR,
                          assigned_dossiers=frozenset({str(DOSSIER)})), name="Colla")


@pytest.fixture
def uow() -> MemoryUnitOfWork:
    return MemoryUnitOfWork()


@pytest.fixture
def deps(uow) -> Deps:
    return Deps(pool=None, settings=WorklistSettings(service="worklist-test"), unit_of_work=uow)  # type: ignore[arg-type]


async def put(uow, number: int) -> Proposal:
    made = Proposal.from_row(created_row(proposal_created(str(OFFICE), str(DOSSIER), number=number), "purchases"))
    made = replace(made, processed_at=made.processed_at + timedelta(hours=number))
    async with uow() as u:
        await u.proposals.add(made)
    return made


async def test_save_and_next_then_undo(deps, uow):
    older, middle, newer = [await put(uow, n) for n in (1, 2, 3)]
    saved, nav = await annotation.save(deps, DOSSIER_VIEW, middle.proposal_id, {"note": " call them "}, CALLER,
                                       version=1)
    assert (saved.note, saved.version, saved.status) == ("call them", 2, "complete")
    assert (nav.previous_id, nav.next_id, nav.position) == (newer.proposal_id, older.proposal_id, 2)
    with pytest.raises(StaleVersion):
        await annotation.save(deps, DOSSIER_VIEW, middle.proposal_id, {"note": "late"}, CALLER, version=1)
    reviewed, _ = await annotation.save(deps, DOSSIER_VIEW, middle.proposal_id, {}, CALLER, review=True)
    assert reviewed.status == "validated"
    assert [v.action for v in await reading.history(deps, DOSSIER, middle.proposal_id)] == ["review", "edit"]
    back = await annotation.undo(deps, DOSSIER_VIEW, middle.proposal_id)
    assert (back.status, back.note) == ("complete", "call them")
    back = await annotation.undo(deps, DOSSIER_VIEW, middle.proposal_id)
    assert back.note is None and not (await reading.opened(deps, back)).can_undo
    with pytest.raises(NothingToUndo):
        await annotation.undo(deps, DOSSIER_VIEW, middle.proposal_id)


async def test_reading_a_proposal_of_another_dossier_is_not_found(deps, uow):
    p = await put(uow, 1)
    opened = await reading.open_proposal(deps, DOSSIER, p.proposal_id)
    assert opened.proposal == await uow.proposals.get(DOSSIER, p.proposal_id) and opened.document is None
    with pytest.raises(NotFound):
        await reading.open_proposal(deps, uuid.uuid4(), p.proposal_id)
    with pytest.raises(NotFound):
        await reading.neighbours(deps, uuid.uuid4(), p.proposal_id, {})


async def test_a_manual_entry_is_a_proposal_with_its_automatic_status(deps, uow):
    with pytest.raises(Invalid):
        await manual.create(deps, DOSSIER_VIEW, {"mailbox": "misc"})
    assert uow.proposals.rows == {}
    made = await manual.create(deps, DOSSIER_VIEW, {"mailbox": "sales", "invoice_number": "V-1", "note": " by hand "})
    assert (made.mailbox, made.content["origin"], made.content["invoice_number"]) == ("sales", "manual", "V-1")
    assert (made.status, made.note, made.page_count) == ("incomplete", "by hand", 0)
    assert await uow.proposals.get(DOSSIER, made.proposal_id) == made
