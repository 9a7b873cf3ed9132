"""The command handlers of handlers/actions.py on the memory unit of work: statuses, kept versions, the events
written on commit, refusals of a selection (WL-3, WL-4, WL-6, WL-10, WL-12, SYN-6)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from contracts.events.notifications import NotificationRequested
from contracts.events.proposals import ProposalValidated, ProposalWithdrawn
from runtime.auth.policy import Forbidden
from runtime.auth.principal import Principal, PrincipalKind, Role

from worklist.config import WorklistSettings
from worklist.domain.errors import DocumentUnknown, Invalid, NotFound, WrongStatus
from worklist.domain.records import DocumentFile, Proposal
from worklist.handlers import actions
from worklist.handlers.commands import (AskClient, ChangeProposal, DeleteProposal, FileDocument, ReviewProposal,
                                        SendProposal, SetHelp, UnfileDocument)
from worklist.handlers.context import Caller, Deps
from worklist.handlers.events import created_row

from worklist_memory import MemoryUnitOfWork
from worklist_testkit import proposal_created

OFFICE, DOSSIER = uuid.uuid4(), uuid.uuid4()
CLIENT = str(uuid.uuid4())
DOSSIER_VIEW = {"dossier_id": DOSSIER, "office_id": OFFICE,
                "settings": {"validation_mode": "collaborator", "permanent_dossier_types": ["statutes"],
                             "language": "fr"},
                "users": [{"user_id": CLIENT, "email": "c@x.be", "name": "Client", "language": "de"}]}
CALLER = Caller(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(OFFICE), role=Role.COLLABORATOR,
                          assigned_dossiers=frozenset({str(DOSSIER)})), name="Colla", correlation_id="c-1")


@pytest.fixture
def uow() -> MemoryUnitOfWork:
    return MemoryUnitOfWork()


@pytest.fixture
def deps(uow) -> Deps:
    return Deps(pool=None, settings=WorklistSettings(service="worklist-test"), unit_of_work=uow)  # type: ignore[arg-type]


async def put(uow: MemoryUnitOfWork, mailbox: str = "purchases", **values) -> Proposal:
    event = proposal_created(str(OFFICE), str(DOSSIER), mailbox=mailbox)
    made = replace(Proposal.from_row(created_row(event, mailbox)), **values)
    async with uow() as u:
        await u.proposals.add(made)
    return made


async def test_review_then_send_records_proposal_validated_on_commit(deps, uow):
    p = await put(uow)
    reviewed = await actions.handle(deps, DOSSIER, p.proposal_id, ReviewProposal(CALLER))
    assert (reviewed.status, reviewed.version) == ("validated", 2)
    assert [v.action for v in await uow.proposals.history(p.proposal_id)] == ["review"]
    assert uow.published == []
    sent = await actions.handle(deps, DOSSIER, p.proposal_id, SendProposal(DOSSIER_VIEW, CALLER))
    assert (sent.status, sent.validated_by["name"]) == ("sent", "Colla") and sent.sent_at is not None
    [event] = uow.published
    assert isinstance(event, ProposalValidated) and event.proposal_id == p.proposal_id
    assert (event.status, event.validation_mode, event.correlation_id) == ("validated", "collaborator", "c-1")


async def test_a_refused_command_changes_nothing_and_publishes_nothing(deps, uow):
    p = await put(uow)
    with pytest.raises(WrongStatus):
        await actions.handle(deps, DOSSIER, p.proposal_id, SendProposal(DOSSIER_VIEW, CALLER))
    assert (await uow.proposals.get(DOSSIER, p.proposal_id)).status == "complete" and uow.published == []
    with pytest.raises(NotFound):
        await actions.handle(deps, uuid.uuid4(), p.proposal_id, ReviewProposal(CALLER))


async def test_a_selection_goes_on_past_refusals(deps, uow):
    good, incomplete = await put(uow), await put(uow, status="incomplete", content={"lines": []})
    unknown = uuid.uuid4()
    outcome = await actions.handle_each(deps, DOSSIER, [good.proposal_id, incomplete.proposal_id, unknown,
                                                        good.proposal_id], ReviewProposal(CALLER))
    assert outcome.done == [good.proposal_id]
    assert [(r.proposal_id, r.code) for r in outcome.refused] == [(incomplete.proposal_id, "incomplete"),
                                                                  (unknown, "not_found")]
    assert outcome.as_json()["done"] == [str(good.proposal_id)]


async def test_deleting_a_booked_entry_needs_the_permission_and_withdraws_it(deps, uow):
    p = await put(uow, status="booked", booking_reference="account.move,9")
    outcome = await actions.handle_each(deps, DOSSIER, [p.proposal_id], DeleteProposal(CALLER, "twice"))
    assert [r.code for r in outcome.refused] == ["forbidden"] and uow.published == []
    with pytest.raises(Forbidden):
        await actions.handle(deps, DOSSIER, p.proposal_id, DeleteProposal(CALLER, "twice"))
    done = await actions.handle(deps, DOSSIER, p.proposal_id, DeleteProposal(CALLER, "twice", may_delete_booking=True))
    assert done.status == "withdrawing" and done.deleted_at is None
    [event] = uow.published
    assert isinstance(event, ProposalWithdrawn)
    assert (event.booking_reference, event.reason) == ("account.move,9", "twice")


async def test_deleting_a_proposal_not_sent_removes_it_at_once(deps, uow):
    p = await put(uow)
    await actions.handle(deps, DOSSIER, p.proposal_id, DeleteProposal(CALLER))
    assert await uow.proposals.get(DOSSIER, p.proposal_id) is None
    assert uow.published[0].booking_reference is None


async def test_help_is_set_with_its_note_and_cleared(deps, uow):
    p = await put(uow)
    helped = await actions.handle(deps, DOSSIER, p.proposal_id, SetHelp(CALLER, True, "  which account?  "))
    assert (helped.help_needed, helped.help_note) == (True, "which account?")
    cleared = await actions.handle(deps, DOSSIER, p.proposal_id, SetHelp(CALLER, False, "ignored"))
    assert (cleared.help_needed, cleared.help_note) == (False, None)


async def test_misc_documents_are_filed_under_the_dossiers_types_only(deps, uow):
    misc, purchase = await put(uow, "misc"), await put(uow)
    assert misc.status == "to_file"
    with pytest.raises(Invalid):
        await actions.handle(deps, DOSSIER, misc.proposal_id, FileDocument(DOSSIER_VIEW, CALLER, "contracts"))
    with pytest.raises(WrongStatus):
        await actions.handle(deps, DOSSIER, purchase.proposal_id, FileDocument(DOSSIER_VIEW, CALLER, "statutes"))
    filed = await actions.handle(deps, DOSSIER, misc.proposal_id, FileDocument(DOSSIER_VIEW, CALLER, "statutes"))
    assert (filed.status, filed.misc_type, filed.filed_by["name"]) == ("filed", "statutes", "Colla")
    back = await actions.handle(deps, DOSSIER, misc.proposal_id, UnfileDocument(CALLER))
    assert (back.status, back.misc_type, back.filed_at) == ("to_file", None, None)


async def test_change_checks_the_journal_against_the_master_data(deps, uow):
    p = await put(uow)
    uow.master.records[(DOSSIER, "journals")] = {"ACH": {"code": "ACH", "type": "purchases"},
                                                 "ACH2": {"code": "ACH2", "type": "purchases"}}
    changed = await actions.handle(deps, DOSSIER, p.proposal_id, ChangeProposal(DOSSIER_VIEW, CALLER, {"journal": "ACH2"}))
    assert changed.content["journal"]["code"] == "ACH2"
    assert [v.action for v in await uow.proposals.history(p.proposal_id)] == ["change"]
    with pytest.raises(Invalid):
        await actions.handle(deps, DOSSIER, p.proposal_id, ChangeProposal(DOSSIER_VIEW, CALLER, {"journal": "NOPE"}))


async def test_asking_the_client_attaches_the_document_in_their_language(deps, uow):
    p = await put(uow)
    ask = AskClient(DOSSIER_VIEW, CALLER, "Is this yours?", uuid.UUID(CLIENT))
    with pytest.raises(DocumentUnknown):
        await actions.ask_client(deps, DOSSIER, p.proposal_id, ask)
    async with uow() as u:
        await u.documents.record(DocumentFile(p.document_id, DOSSIER, "purchases", "inv.pdf", "application/pdf",
                                              "documents/x.pdf", datetime.now(timezone.utc)))
    with pytest.raises(Invalid):
        await actions.ask_client(deps, DOSSIER, p.proposal_id, replace(ask, recipient_id=uuid.uuid4()))
    request_id = await actions.ask_client(deps, DOSSIER, p.proposal_id, ask)
    [event] = uow.published
    assert isinstance(event, NotificationRequested) and event.event_id == request_id
    assert (event.language, event.audience, event.params["question"]) == ("de", "recipient", "Is this yours?")
    assert event.attachments[0].storage_key == "documents/x.pdf"
    anyone = await actions.ask_client(deps, DOSSIER, p.proposal_id, replace(ask, recipient_id=None))
    assert uow.published[-1].event_id == anyone and uow.published[-1].language == "fr"
