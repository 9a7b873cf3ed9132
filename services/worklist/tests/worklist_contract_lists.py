"""The worklist repository contract (worklist_repository_contract), part two: the lists — a page with the counts
per status, a proposal's neighbours under the list's filters and order, the monitor's counters per dossier and the
permanent dossier's filed documents."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

from worklist.domain.listing import ListQuery
from worklist.domain.records import Counters, DocumentFile, Neighbours

from worklist_contract_data import ACTOR, NOW, add, proposal, stored


class ListsContract:
    """What the worklist's lists read from the proposals repository (WL-3, WL-9, ACT-1)."""

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
