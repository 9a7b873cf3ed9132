"""The second half of the office's one repository contract suite (the first: office_repository_contract.py): news,
help marks and the other stores the use cases reach through the unit of work, on every implementation (memory and
Postgres). Same fixtures: ``uow``, ``seed`` (office_repository_contract.Seed)."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from office.domain.dossier import NewDossier
from office.domain.errors import Conflict

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
TEXTS = {"all": {"title": "Hello", "text": "World"}}


class StoreContract:
    """The behaviour both implementations share (PLT-3, ACT-1, OFF-3, identity storage)."""

    async def test_news_items_are_listed_newest_first_per_audience_and_office(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        author = await seed.account(office, "collaborator", "Ann", role="ADMIN")
        async with uow() as u:
            old = await u.news.create(office["id"], author.id, "clients", TEXTS, None, T0)
            new = await u.news.create(office["id"], None, "both", TEXTS, "https://x.example", T0 + timedelta(hours=1))
            staff = await u.news.create(office["id"], author.id, "office", TEXTS, None, T0 + timedelta(hours=2))
            await u.news.create(other["id"], None, "both", TEXTS, None, T0)
        assert (old.audience, old.texts, old.link, old.published_at, old.updated_at, old.withdrawn_at) == (
            "clients", TEXTS, None, T0, T0, None)
        async with uow() as u:
            assert [i.id for i in await u.news.listing(office["id"], audiences=("clients", "both"))] == [new.id, old.id]
            assert await u.news.get(other["id"], old.id) is None and await u.news.get(office["id"], "nope") is None
            edited = await u.news.update(old.id, "both", {"nl": {"title": "T", "text": "X"}}, None, T0 + timedelta(days=1))
            gone = await u.news.withdraw(new.id, T0 + timedelta(days=2))
        assert (edited.audience, edited.published_at, edited.updated_at) == ("both", T0, T0 + timedelta(days=1))
        assert gone.withdrawn_at == T0 + timedelta(days=2)
        async with uow() as u:
            assert [i.id for i in await u.news.listing(office["id"], audiences=("office", "both"))] == [staff.id, old.id]
            everything = await u.news.listing(office["id"], audiences=None, limit=2)
            assert (await u.news.get(office["id"], old.id, for_update=True)) == edited
        assert [i.id for i in everything] == [staff.id, new.id]

    async def test_help_marks_are_kept_per_user_and_mark(self, uow, seed):
        office = await seed.office()
        ann, bob = (await seed.account(office, "client", "Ann"), await seed.account(office, "client", "Bob"))
        async with uow() as u:
            assert (await u.news.marks(ann.id)).news_seen_at is None
            await u.news.mark(ann.id, "news_seen_at", T0)
            await u.news.mark(ann.id, "quick_start_dismissed_at", T0 + timedelta(hours=1))
            await u.news.mark(ann.id, "news_seen_at", T0 + timedelta(hours=2))
        async with uow() as u:
            marks, none = await u.news.marks(ann.id), await u.news.marks(bob.id)
            assert await u.news.marks(str(uuid.uuid4())) == none
        assert (marks.news_seen_at, marks.quick_start_dismissed_at) == (T0 + timedelta(hours=2), T0 + timedelta(hours=1))
        assert (none.news_seen_at, none.quick_start_dismissed_at) == (None, None)

    async def test_groups_keep_their_members_and_dossiers_and_give_reach(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        ann = await seed.account(office, "collaborator", "Ann", role="COLLABORATOR")
        bob = await seed.account(office, "collaborator", "Bob", role="COLLABORATOR")
        cli, eve = await seed.account(office, "client", "Cli"), await seed.account(other, "collaborator", "Eve", role="ADMIN")
        async with uow() as u:
            team = await u.groups.create("collaborator_groups", office["id"], "team")
            family = await u.groups.create("client_groups", office["id"], "Family")
            dossier = await u.dossiers.create(office["id"], NewDossier("D", None, None, "nl"))
            await u.groups.set_members(team, [ann.id])
            await u.groups.set_client_group(family, dossiers=[dossier], collaborators=[bob.id],
                                            collaborator_groups=[team])
            known = await u.groups.known(office["id"], "collaborators", [ann.id, cli.id, eve.id])
            assert await u.groups.known(office["id"], "dossiers", [dossier, str(uuid.uuid4())]) == {dossier}
            assert await u.groups.known(other["id"], "client_groups", [family]) == set()
        assert known == {ann.id}
        async with uow() as u:
            [group] = await u.groups.client_groups(office["id"], family)
            assert [g.name for g in await u.groups.collaborator_groups(office["id"])] == ["team"]
            assert await u.groups.client_groups(other["id"]) == [] and await u.groups.client_groups(office["id"], "x") == []
            assert await u.groups.client_groups_of_collaborator_group(team) == [family]
            assert await u.groups.dossiers_of_client_groups([family]) == [dossier]
            assert await u.dossiers.dossiers_reached_by(ann.id) == [dossier]  # through the collaborator group
        assert (group.dossiers, group.collaborators, group.collaborator_groups) == ((dossier,), (bob.id,), (team,))
        async with uow() as u:
            await u.groups.delete("collaborator_groups", team)
            await u.groups.set_client_group(family, dossiers=[], collaborators=None, collaborator_groups=None)
            [group] = await u.groups.client_groups(office["id"])
            assert await u.dossiers.dossiers_reached_by(ann.id) == []
        assert (group.dossiers, group.collaborators, group.collaborator_groups) == ((), (bob.id,), ())

    async def test_a_group_name_is_unique_per_office_and_kind(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        async with uow() as u:
            first = await u.groups.create("client_groups", office["id"], "Family")
            await u.groups.create("collaborator_groups", office["id"], "Family")
            await u.groups.create("client_groups", other["id"], "Family")
            second = await u.groups.create("client_groups", office["id"], "Friends")
            with pytest.raises(Conflict) as taken:
                await u.groups.create("client_groups", office["id"], "Family")
            with pytest.raises(Conflict):
                await u.groups.rename("client_groups", second, "Family")
            await u.groups.rename("client_groups", first, "aunts")  # the unit of work goes on after a refused name
        assert taken.value.reason == "name_taken"
        async with uow() as u:
            assert [g.name for g in await u.groups.client_groups(office["id"])] == ["aunts", "Friends"]
