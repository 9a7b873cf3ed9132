"""The worklist repository contract (worklist_repository_contract), part one: a proposal stored, replaced while
untouched, updated with its versions kept for undo, deleted or discarded, and the unit of work's outbox and
rollback."""
from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest

from worklist.domain.records import Change

from worklist_contract_data import ACTOR, NOW, add, proposal, stored, withdrawn


class ProposalsContract:
    """How the proposals repository and the unit of work keep a proposal and its events (WL-3..12)."""

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
