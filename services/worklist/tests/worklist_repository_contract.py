"""One suite for every implementation of the worklist's repositories and unit of work (memory and Postgres), so the
fakes the unit tests use cannot drift from the real ones. Subclasses provide ``uow`` (a fresh unit of work over the
same store each time it is called) and ``outbox`` (the events published so far, as JSON dicts)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from contracts.events.ledger import AccountRecord, DeletedRecord, MasterData
from contracts.events.proposals import ProposalWithdrawn

from worklist.domain.choices import Choices
from worklist.domain.listing import ListQuery
from worklist.domain.records import Change, Counters, DocumentFile, Failure, Neighbours, Proposal

from worklist_testkit import master_data

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ACTOR = {"kind": "collaborator", "user_id": str(uuid.UUID(int=7)), "name": "Collaborator"}


def proposal(dossier: uuid.UUID, **values) -> Proposal:
    """A complete purchase proposal of the dossier; ``values`` override any field."""
    pid, doc = uuid.uuid4(), uuid.uuid4()
    content = {"proposal_id": str(pid), "document_id": str(doc), "origin": "recognized", "document_kind": "invoice",
               "invoice_number": "F-1", "invoice_date": "2026-02-03", "currency": "EUR", "lines": [], "warnings": [],
               "journal": {"code": "ACH", "type": "purchases"}, "totals": {"gross": "121.00"},
               "counterparty": {"name": "Acme", "status": "known", "reference": "C1"}}
    fields = dict(proposal_id=pid, office_id=uuid.UUID(int=1), dossier_id=dossier, document_id=doc,
                  mailbox="purchases", status="complete", auto_status="complete", content=content, processed_at=NOW,
                  page_count=2, confidence=0.9, words_key=f"w/{doc}", reasons=["ok"], field_confidence={"f": 0.5})
    fields.update(values)
    return Proposal(**fields)


def withdrawn(p: Proposal) -> ProposalWithdrawn:
    return ProposalWithdrawn(correlation_id="t", office_id=p.office_id, dossier_id=p.dossier_id,
                             proposal_id=p.proposal_id, document_id=p.document_id, withdrawn_by=ACTOR)


def stored(p: Proposal) -> Proposal:
    """The proposal without what the store sets (timestamps), to compare with what was given."""
    return replace(p, created_at=None, updated_at=None)


async def add(uow, *proposals: Proposal, replace_untouched: bool = True) -> list[bool]:
    async with uow() as u:
        return [await u.proposals.add(p, replace_untouched=replace_untouched) for p in proposals]


class RepositoryContract:
    """The behaviour both implementations share (WL-3..12's storage)."""

    async def test_a_proposal_comes_back_as_stored_in_its_dossier_only(self, uow):
        d = uuid.uuid4()
        p = proposal(d)
        assert await add(uow, p) == [True]
        async with uow() as u:
            found = await u.proposals.get(d, p.proposal_id)
            assert stored(found) == p and found.created_at is not None and found.updated_at is not None
            assert await u.proposals.get(uuid.uuid4(), p.proposal_id) is None, "another dossier's id is unknown"
            assert stored(await u.proposals.get_any(p.proposal_id)) == p
            assert await u.proposals.get_any(uuid.uuid4()) is None
            assert found.as_row()["gross"] == Decimal("121.00"), "the list columns follow the content"

    async def test_a_later_proposal_replaces_one_only_while_nobody_touched_it(self, uow):
        d = uuid.uuid4()
        p = proposal(d)
        await add(uow, p)
        newer = replace(p, content={**p.content, "invoice_number": "F-2"}, status="incomplete")
        assert await add(uow, newer, replace_untouched=False) == [False]
        assert await add(uow, newer) == [True]
        async with uow() as u:
            found = await u.proposals.get(d, p.proposal_id, lock=True)
            assert (found.content["invoice_number"], found.status, found.version) == ("F-2", "incomplete", 1)
            await u.proposals.update(found, Change({"note": "mine"}, action="edit", actor=ACTOR))
        assert await add(uow, p) == [False], "a touched proposal stays"
        async with uow() as u:
            kept = await u.proposals.get(d, p.proposal_id)
            assert (kept.content["invoice_number"], kept.note, kept.version) == ("F-2", "mine", 2)

    async def test_update_bumps_the_version_and_keeps_the_one_before_for_undo(self, uow):
        d = uuid.uuid4()
        p = proposal(d)
        await add(uow, p)
        async with uow() as u:
            before = await u.proposals.get(d, p.proposal_id, lock=True)
            after = await u.proposals.update(before, Change(
                {"content": {**p.content, "invoice_number": "F-9"}, "status": "validated"}, action="review",
                actor=ACTOR))
            assert (after.version, after.status, after.content["invoice_number"]) == (2, "validated", "F-9")
            assert after.as_row()["invoice_number"] == "F-9", "the list columns follow the content"
            again = await u.proposals.update(after, Change({"help_needed": True, "help_note": "?"}))
            assert (again.version, again.help_needed, again.status) == (3, True, "validated")
        async with uow() as u:
            [kept] = await u.proposals.history(p.proposal_id)
            assert (kept.version, kept.action, kept.changed_by) == (1, "review", ACTOR)
            assert kept.snapshot["content"]["invoice_number"] == "F-1" and kept.snapshot["status"] == "complete"
            assert await u.proposals.last_version(p.proposal_id) == kept
            await u.proposals.drop_version(p.proposal_id, 1)
        async with uow() as u:
            assert await u.proposals.last_version(p.proposal_id) is None
            assert await u.proposals.history(p.proposal_id) == []

    async def test_versions_are_kept_newest_first(self, uow):
        d = uuid.uuid4()
        p = proposal(d)
        await add(uow, p)
        async with uow() as u:
            current = await u.proposals.get(d, p.proposal_id, lock=True)
            for action in ("edit", "review"):
                current = await u.proposals.update(current, Change({"note": action}, action=action, actor=ACTOR))
            assert [v.action for v in await u.proposals.history(p.proposal_id)] == ["review", "edit"]
            assert (await u.proposals.last_version(p.proposal_id)).snapshot["note"] == "edit"

    async def test_deleted_proposals_are_not_live_but_found_by_id(self, uow):
        d = uuid.uuid4()
        p = proposal(d)
        await add(uow, p)
        async with uow() as u:
            await u.proposals.update(await u.proposals.get(d, p.proposal_id), Change({"deleted_at": NOW}))
        async with uow() as u:
            assert await u.proposals.get(d, p.proposal_id) is None
            assert (await u.proposals.get_any(p.proposal_id)).deleted_at == NOW

    async def test_only_an_untouched_misc_item_is_discarded(self, uow):
        d = uuid.uuid4()
        fresh, worked = proposal(d, mailbox="misc", status="to_file"), proposal(d, mailbox="misc", status="to_file")
        other = proposal(d)
        await add(uow, fresh, worked, other)
        async with uow() as u:
            await u.proposals.update(await u.proposals.get(d, worked.proposal_id), Change({"note": "x"}))
            for p in (fresh, worked, other):
                await u.proposals.discard_untouched(p.proposal_id)
        async with uow() as u:
            assert await u.proposals.get_any(fresh.proposal_id) is None
            assert await u.proposals.get_any(worked.proposal_id) is not None
            assert await u.proposals.get_any(other.proposal_id) is not None

    async def test_a_document_file_is_known_in_its_dossier_and_keeps_its_first_arrival(self, uow):
        d, doc = uuid.uuid4(), uuid.uuid4()
        first = DocumentFile(doc, d, "purchases", "a.pdf", "application/pdf", f"k/{doc}", NOW, page_count=1)
        async with uow() as u:
            await u.documents.record(first)
            await u.documents.record(replace(first, mailbox="misc", filename="b.pdf", page_count=3,
                                             received_at=datetime(2026, 4, 1, tzinfo=timezone.utc)))
        async with uow() as u:
            assert await u.documents.get(d, doc) == replace(first, mailbox="misc", filename="b.pdf", page_count=3)
            assert await u.documents.get(uuid.uuid4(), doc) is None
            assert await u.documents.mailbox_of(doc) == "misc"
            assert await u.documents.mailbox_of(uuid.uuid4()) is None

    async def test_recorded_and_published_events_reach_the_outbox_on_commit(self, uow, outbox):
        d = uuid.uuid4()
        p, q = proposal(d), proposal(d)
        await add(uow, p, q)
        async with uow() as u:
            found = await u.proposals.get(d, p.proposal_id, lock=True)
            await u.proposals.update(found, Change({"status": "withdrawing"}, events=(withdrawn(found),)))
            u.publish(withdrawn(q))
        assert [e["proposal_id"] for e in await outbox()] == [str(p.proposal_id), str(q.proposal_id)]

    async def test_a_block_that_raises_changes_nothing_and_publishes_nothing(self, uow, outbox):
        d = uuid.uuid4()
        p = proposal(d)
        await add(uow, p)
        with pytest.raises(RuntimeError):
            async with uow() as u:
                found = await u.proposals.get(d, p.proposal_id, lock=True)
                await u.proposals.update(found, Change({"status": "sent"}, action="review", actor=ACTOR,
                                                       events=(withdrawn(found),)))
                u.publish(withdrawn(found))
                raise RuntimeError("boom")
        async with uow() as u:
            assert (await u.proposals.get(d, p.proposal_id)).status == "complete"
            assert await u.proposals.history(p.proposal_id) == []
        assert await outbox() == []

    async def test_master_data_gives_the_choices_of_its_dossier(self, uow):
        d = uuid.uuid4()
        master = master_data(str(uuid.uuid4()), str(d)).master_data
        dossier = {"dossier_id": d, "settings": {"extra_accounts": ["550000"],
                                                 "journals": [{"alias": "CAI", "type": "purchases", "active": True}]}}
        async with uow() as u:
            await u.master.apply(d, master)
            await u.master.apply(d, MasterData(accounts=(AccountRecord(code="611000", name="Services", active=False),),
                                               deleted=(DeletedRecord(kind="periods", reference="2025-04"),)))
        async with uow() as u:
            found = await u.master.choices(dossier, ["P-0008", "P-404"], suspense_prefixes=("49",))
            assert sorted(found.accounts) == ["499000", "604000", "700000"], "inactive accounts are left out"
            assert found.extra_accounts == frozenset({"550000"}) and found.suspense_prefixes == ("49",)
            assert list(found.journals) == ["ACH", "VEN", "CAI"] and found.journals["CAI"]["type"] == "purchases"
            assert sorted(found.periods) == ["2025-01", "2025-03"] and sorted(found.vat_codes) == ["21", "6"]
            assert list(found.counterparties) == ["P-0008"]
            assert await u.master.choices({"dossier_id": uuid.uuid4()}) == Choices()

    async def test_counterparties_are_found_by_name_or_vat_number_in_their_dossier(self, uow):
        d = uuid.uuid4()
        async with uow() as u:
            await u.master.apply(d, master_data(str(uuid.uuid4()), str(d)).master_data)
        async with uow() as u:
            assert [c["reference"] for c in await u.master.search_counterparties(d, " DUPONT")] == ["P-0007"]
            assert [c["reference"] for c in await u.master.search_counterparties(d, "be0123")] == ["P-0007"]
            assert [c["name"] for c in await u.master.search_counterparties(d, "a")] == ["Brasserie Dupont SRL",
                                                                                       "Garage Martin"]
            assert len(await u.master.search_counterparties(d, "a", limit=1)) == 1
            assert await u.master.search_counterparties(uuid.uuid4(), "dupont") == []

    async def test_a_failed_recognition_is_kept_until_the_document_is_read(self, uow):
        d, doc, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        failed = Failure(doc, d, "timeout", uuid.uuid4())
        async with uow() as u:
            await u.failures.record(failed)
            await u.failures.record(Failure(other, d, "unreadable", uuid.uuid4()))
            request = uuid.uuid4()
            await u.failures.mark_reprocessing([doc], request)
        async with uow() as u:
            found = await u.failures.of_documents(d, [doc, other, uuid.uuid4()], lock=True)
            assert sorted(found) == sorted([doc, other])
            assert found[doc].reprocess_request_id == request and found[doc].reprocess_requested_at is not None
            assert (found[other].error_code, found[other].reprocess_request_id) == ("unreadable", None)
            assert await u.failures.of_documents(uuid.uuid4(), [doc]) == {}, "another dossier's are not there"
            again = replace(failed, error_code="crashed", recognized_event_id=uuid.uuid4())
            await u.failures.record(again)
            await u.failures.clear(other)
        async with uow() as u:
            assert await u.failures.of_documents(d, [doc, other]) == {doc: again}, "a new failure answers the request"

    async def test_neighbours_follow_the_lists_filters_and_order(self, uow):
        d = uuid.uuid4()
        minutes = [datetime(2026, 3, 1, 12, m, tzinfo=timezone.utc) for m in range(4)]

        def named(name, at, gross, **values):
            p = proposal(d, processed_at=at, **values)
            content = {**p.content, "counterparty": {"name": name, "status": "known"} if name else None,
                       "invoice_number": f"N{name or 'none'}", "totals": {"gross": gross}}
            return replace(p, content=content)

        alpha, bravo, blank = named("alpha", minutes[0], "10.00"), named("Bravo", minutes[1], "300.00"), \
            named(None, minutes[2], "50.00")
        elsewhere = [proposal(uuid.uuid4(), processed_at=minutes[3]), proposal(d, mailbox="sales", processed_at=minutes[3])]
        await add(uow, alpha, bravo, blank, *elsewhere)
        by_name = ListQuery(mailbox="purchases", sort="counterparty")
        async with uow() as u:
            newest_first = await u.proposals.neighbours(d, ListQuery(mailbox="purchases"), bravo.proposal_id)
            assert newest_first == Neighbours(blank.proposal_id, alpha.proposal_id, 2, 3)
            assert await u.proposals.neighbours(d, by_name, bravo.proposal_id) == \
                Neighbours(alpha.proposal_id, blank.proposal_id, 2, 3), "by name in any case, no name last"
            assert await u.proposals.neighbours(d, replace(by_name, descending=True), blank.proposal_id) == \
                Neighbours(alpha.proposal_id, None, 3, 3), "no name stays last either way"
            assert await u.proposals.neighbours(d, ListQuery(mailbox="purchases", q="bravo"), alpha.proposal_id) == \
                Neighbours(None, None, None, 1), "a proposal the list does not hold"
            rich = ListQuery(mailbox="purchases", min_gross=Decimal("20"), sort="gross", descending=True)
            assert await u.proposals.neighbours(d, rich, blank.proposal_id) == Neighbours(bravo.proposal_id, None, 2, 2)
            reviewed = ListQuery(mailbox="purchases", statuses=("validated",))
            assert await u.proposals.neighbours(d, reviewed, alpha.proposal_id) == Neighbours(None, None, None, 0)

    async def test_a_page_of_a_list_with_the_counts_per_status(self, uow):
        d = uuid.uuid4()
        made = [proposal(d, processed_at=datetime(2026, 3, 1, 12, m, tzinfo=timezone.utc),
                         status="validated" if m == 4 else "complete") for m in range(5)]
        await add(uow, *made, proposal(d, mailbox="sales"), proposal(uuid.uuid4()))
        async with uow() as u:
            first = await u.proposals.page(d, ListQuery(mailbox="purchases", statuses=("complete",), per_page=3))
            second = await u.proposals.page(d, ListQuery(mailbox="purchases", statuses=("complete",), per_page=3,
                                                         page=2))
            assert [p.proposal_id for p in first.items + second.items] == [p.proposal_id for p in made[3::-1]]
            assert (first.total, first.counts) == (4, {"complete": 4, "validated": 1})
            assert stored(first.items[0]) == made[3]
            assert (await u.proposals.page(uuid.uuid4(), ListQuery(mailbox="purchases"))).items == []

    async def test_counters_per_dossier_with_live_proposals(self, uow):
        d, quiet = uuid.uuid4(), uuid.uuid4()
        at = [datetime(2026, 3, m, tzinfo=timezone.utc) for m in (1, 2, 3)]
        made = [proposal(d, status="complete", help_needed=True, processed_at=at[0]),
                proposal(d, status="validated", processed_at=at[1]), proposal(d, status="rejected", processed_at=at[0]),
                proposal(d, mailbox="misc", status="to_file", processed_at=at[0]),
                proposal(d, status="checked", processed_at=at[2], deleted_at=NOW)]
        await add(uow, *made, proposal(uuid.uuid4()))
        async with uow() as u:
            found = await u.proposals.counters([d, quiet])
        assert found == {d: Counters(help_requests=1, ready_for_validation=1, to_send=1, rejected=1, misc_to_do=1,
                                     last_proposal_at=at[1])}, "deleted ones do not count; no row for a quiet dossier"

    async def test_the_permanent_dossier_lists_filed_documents_newest_first(self, uow):
        d = uuid.uuid4()
        old, new, other = (proposal(d, mailbox="misc", status="filed", misc_type=t,
                                    filed_at=datetime(2026, 1, day, tzinfo=timezone.utc), filed_by=ACTOR)
                           for t, day in (("statutes", 1), ("statutes", 2), ("minutes", 3)))
        await add(uow, old, new, other, proposal(d, mailbox="misc", status="to_file"))
        async with uow() as u:
            await u.documents.record(DocumentFile(new.document_id, d, "misc", "new.pdf", "application/pdf", "k", NOW))
            statutes = await u.proposals.permanent_dossier(d, "statutes")
            everything = await u.proposals.permanent_dossier(d, None)
        assert [(f.proposal_id, f.filename) for f in statutes.items] == [(new.proposal_id, "new.pdf"),
                                                                         (old.proposal_id, None)]
        assert statutes.items[0].filed_by == ACTOR and statutes.items[0].content_type == "application/pdf"
        assert statutes.counts == everything.counts == {"minutes": 1, "statutes": 2}
        assert [f.proposal_id for f in everything.items] == [other.proposal_id, new.proposal_id, old.proposal_id]
