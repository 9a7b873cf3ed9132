"""One suite for every implementation of the office's repositories and unit of work (memory and Postgres), so the
fakes the unit tests use cannot drift from the real ones. Subclasses provide ``uow`` (a fresh unit of work over
the same store each time it is called), ``seed`` (offices, accounts and client groups the dossiers join, see
Seed) and ``outbox`` (the events published so far, as JSON dicts)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Protocol

import pytest

from office.domain.dossier import NewDossier
from office.domain.errors import Conflict
from office.domain.office import Office
from office.domain.principals import Account


class Seed(Protocol):
    """What the suite needs besides the dossier repository: offices, accounts and client groups."""

    async def office(self) -> Office: ...

    async def account(self, office: Office, kind: str, name: str, *, role: str | None = None,
                      active: bool = True) -> Account: ...

    async def client_group(self, office: Office, name: str, collaborators: list[str]) -> str: ...


def new(name: str = "Dupont", code: str | None = None, **values: Any) -> NewDossier:
    return NewDossier(**{"name": name, "code": code, "vat_number": None, "language": "fr", **values})


async def created(uow, office: Office, *news: NewDossier) -> list[str]:
    async with uow() as u:
        return [await u.dossiers.create(office.id, n) for n in news]


class RepositoryContract:
    """The behaviour both implementations share (DOS-1..5, OFF-2 storage)."""

    async def test_a_dossier_comes_back_as_created_in_its_office_only(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        [did] = await created(uow, office, new("Dupont", "DUP", vat_number="BE0403170701",
                                                 settings={"vat_exempt": True}))
        async with uow() as u:
            await u.dossiers.set_mailbox(did, "purchases", f"{did}-p@in.example")
            view = await u.dossiers.load(did, office)
            assert await u.dossiers.load(did, other) is None
            assert await u.dossiers.load("not-a-uuid", office) is None
            assert await u.dossiers.office_of(did) == office.id
            assert await u.dossiers.office_of(str(uuid.uuid4())) is None
        assert (view.name, view.code, view.vat_number, view.language, view.status) == (
            "Dupont", "DUP", "BE0403170701", "fr", "draft")
        assert view.overrides == {"vat_exempt": True} and view.settings["vat_exempt"] is True
        assert view.settings["validation_mode"] is not None and view.created_at is not None
        assert view.mailboxes == {"purchases": f"{did}-p@in.example"}

    async def test_a_code_is_unique_in_an_office_whatever_its_case(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        [first, second] = await created(uow, office, new("A", "DUP"), new("B", "XYZ"))
        async with uow() as u:
            with pytest.raises(Conflict) as taken:
                await u.dossiers.create(office.id, new("C", "dup"))
            with pytest.raises(Conflict):
                await u.dossiers.update(second, code="Dup")
            await u.dossiers.update(second, name="B2")  # the unit of work goes on after a refused code
        assert taken.value.extra()["reason"] == "code_taken"
        assert len(await created(uow, other, new("C", "dup"))) == 1
        async with uow() as u:
            assert [v.name for v in await u.dossiers.list_views(office)] == ["A", "B2"]

    async def test_dossiers_are_listed_by_name_whatever_its_case(self, uow, seed):
        office = await seed.office()
        ids = await created(uow, office, new("beta"), new("Alpha"), new("Gamma"))
        async with uow() as u:
            assert [v.name for v in await u.dossiers.list_views(office)] == ["Alpha", "beta", "Gamma"]
            assert sorted(await u.dossiers.ids_of_office(office.id)) == sorted(ids)

    async def test_an_update_changes_the_columns_and_a_client_group_of_the_office(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        group = await seed.client_group(office, "Family", [])
        foreign = await seed.client_group(other, "Family", [])
        [did] = await created(uow, office, new())
        async with uow() as u:
            assert await u.dossiers.has_client_group(office.id, group)
            assert not await u.dossiers.has_client_group(office.id, foreign)
            assert not await u.dossiers.has_client_group(office.id, "nope")
            await u.dossiers.update(did, status="active", client_group_id=group, settings={"payment_module": True},
                                    accounting={"software": "s", "installation": "i", "dossier_code": "c"})
        async with uow() as u:
            view = await u.dossiers.load(did, office, full=False)
        assert (view.status, view.client_group_id, view.client_group_name) == ("active", group, "Family")
        assert view.overrides == {"payment_module": True} and view.accounting["dossier_code"] == "c"

    async def test_collaborators_reach_a_dossier_directly_or_through_its_client_group(self, uow, seed):
        office = await seed.office()
        direct = await seed.account(office, "collaborator", "Zed", role="SUPPORT")
        grouped = await seed.account(office, "collaborator", "Ann", role="COLLABORATOR")
        both = await seed.account(office, "collaborator", "Bob", role="COLLABORATOR")
        support = await seed.account(office, "collaborator", "Sue", role="SUPPORT")
        gone = await seed.account(office, "collaborator", "Gus", role="COLLABORATOR", active=False)
        admin = await seed.account(office, "collaborator", "Ada", role="ADMIN")
        group = await seed.client_group(office, "Family", [grouped.id, both.id, support.id, gone.id])
        [did, plain] = await created(uow, office, new(client_group_id=group), new("Plain"))
        async with uow() as u:
            await u.dossiers.replace_assignments(did, [(direct.id, True), (both.id, False)])
            await u.dossiers.replace_assignments(plain, [(direct.id, False)])
            view = await u.dossiers.load(did, office)
            reach = await u.dossiers.reach(direct.id)
            assert await u.dossiers.dossiers_reached_by(both.id) == [did]
            assert (await u.dossiers.reach(grouped.id)).grouped == [did]
        assert [(a.name, a.via, a.worklists_only) for a in view.assignments] == [
            ("Bob", "direct", False), ("Zed", "direct", True), ("Ann", "client_group", False)]
        assert view.assignments[1].role == "SUPPORT" and view.admins == (admin.id,)
        assert sorted(reach.assigned) == sorted([did, plain]) and reach.worklists_only == [did]
        async with uow() as u:
            await u.dossiers.replace_assignments(did, [])
            assert [a.name for a in await u.dossiers.assignments(did)] == ["Ann", "Bob"]

    async def test_client_users_have_a_profile_and_an_active_flag_per_dossier(self, uow, seed):
        office = await seed.office()
        bea, al = await seed.account(office, "client", "bea"), await seed.account(office, "client", "Al")
        [did, archived] = await created(uow, office, new("D"), new("Old"))
        async with uow() as u:
            await u.dossiers.set_client_user(did, bea.id, profile="FULL_ACCESS")
            await u.dossiers.set_client_user(did, al.id, profile="DOCUMENT_DELIVERY", active=False)
            await u.dossiers.set_client_user(archived, bea.id, profile="FULL_ACCESS")
            await u.dossiers.update(archived, status="archived")
        async with uow() as u:
            users = await u.dossiers.client_users(did)
            assert [(x.name, x.profile, x.active) for x in users] == [
                ("Al", "DOCUMENT_DELIVERY", False), ("bea", "FULL_ACCESS", True)]
            assert await u.dossiers.profiles(bea.id) == {did: "FULL_ACCESS"}
            assert await u.dossiers.profiles(al.id) == {}
            assert sorted(await u.dossiers.dossiers_of_client(bea.id)) == sorted([did, archived])
            await u.dossiers.set_client_user(did, bea.id, profile="FULL_FEEDBACK")
            await u.dossiers.set_client_user(did, al.id, active=True)
            assert (await u.dossiers.client_user(did, bea.id)).profile == "FULL_FEEDBACK"
            assert (await u.dossiers.client_user(did, al.id)).active is True
            assert await u.dossiers.client_user(did, "nope") is None

    async def test_an_account_is_read_in_its_office_and_updated(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        ann = await seed.account(office, "collaborator", "Ann", role="COLLABORATOR")
        bob = await seed.account(office, "collaborator", "Bob", role="SUPPORT", active=False)
        eve = await seed.account(other, "collaborator", "Eve", role="ADMIN")
        cli = await seed.account(office, "client", "Cli")
        async with uow() as u:
            assert await u.accounts.get(ann.id) == ann and await u.accounts.get(ann.id, office.id) == ann
            assert await u.accounts.get(ann.id, other.id) is None and await u.accounts.get("nope") is None
            assert await u.accounts.active_collaborators(office.id, [ann.id, bob.id, eve.id, cli.id]) == {ann.id}
            changed = await u.accounts.update(bob.id, name="Bobby", language="fr", active=True)
            await u.accounts.revoke_user_tokens(bob.id, datetime.now(timezone.utc))
        assert (changed.name, changed.language, changed.active, changed.role) == ("Bobby", "fr", True, "SUPPORT")
        async with uow() as u:
            assert await u.accounts.get(bob.id) == changed

    async def test_collaborators_are_listed_by_name_and_admins_counted(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        zed = await seed.account(office, "collaborator", "zed", role="ADMIN")
        amy = await seed.account(office, "collaborator", "Amy", role="ADMIN", active=False)
        await seed.account(office, "collaborator", "Bo", role="SUPPORT")
        await seed.account(office, "client", "Cli")
        await seed.account(other, "collaborator", "Eve", role="ADMIN")
        async with uow() as u:
            listed = await u.accounts.collaborators(office.id)
            assert await u.accounts.active_admins(office.id) == 1
            one = await u.accounts.collaborator(zed.id)
        assert [(c.name, c.role, c.active) for c in listed] == [("Amy", "ADMIN", False), ("Bo", "SUPPORT", True),
                                                                ("zed", "ADMIN", True)]
        assert (one.id, one.email, one.language) == (zed.id, zed.email, "nl") and one.created_at is not None
        assert listed[0].as_json()["id"] == amy.id

    async def test_api_keys_are_found_by_hash_listed_newest_first_and_revoked_once(self, uow, seed):
        office = await seed.office()
        [did, other] = await created(uow, office, new("D"), new("E"))
        async with uow() as u:
            keys = [await u.api_keys.create(office_id=office.id, dossier_id=did, mailbox="sales", name=f"k{i}",
                                            prefix=f"bf_{i}", key_hash=bytes([i]) * 32, created_by=None)
                    for i in range(3)]
            await u.api_keys.create(office_id=office.id, dossier_id=other, mailbox="misc", name="x", prefix="bf_x",
                                    key_hash=b"x" * 32, created_by=None)
        first = keys[0]
        assert (first.dossier_id, first.mailbox, first.name, first.prefix, first.revoked_at) == (
            did, "sales", "k0", "bf_0", None)
        async with uow() as u:
            listed = await u.api_keys.of_dossier(did)
            assert await u.api_keys.by_hash(bytes([1]) * 32) == keys[1]
            assert await u.api_keys.by_hash(b"?" * 32) is None
            assert await u.api_keys.get("nope") is None and await u.api_keys.get(str(uuid.uuid4())) is None
            await u.api_keys.revoke(first.id, datetime(2026, 1, 1, tzinfo=timezone.utc))
            await u.api_keys.revoke(first.id, datetime(2026, 2, 1, tzinfo=timezone.utc))
        assert sorted(k.id for k in listed) == sorted(k.id for k in keys)
        assert [k.created_at for k in listed] == sorted((k.created_at for k in keys), reverse=True)
        async with uow() as u:
            assert (await u.api_keys.get(first.id)).revoked_at == datetime(2026, 1, 1, tzinfo=timezone.utc)
            assert (await u.api_keys.get(keys[1].id)).revoked_at is None

    async def test_recorded_changes_reach_the_outbox_on_commit_with_the_snapshot_then(self, uow, seed, outbox):
        office = await seed.office()
        actor = await seed.account(office, "collaborator", "Ann", role="COLLABORATOR")
        before = len(await outbox())
        [did] = await created(uow, office, new("Dupont"))
        async with uow() as u:
            u.dossier_changed(office, [did, did], "updated", actor.id)
            await u.dossiers.update(did, name="Durand")  # after the record: the snapshot is the committed one
        published = (await outbox())[before:]
        assert [(e["dossier_id"], e["change"], e["changed_by"], e["dossier"]["name"]) for e in published] == [
            (did, "updated", actor.id, "Durand")]

    async def test_a_block_that_raises_leaves_neither_the_change_nor_its_event(self, uow, seed, outbox):
        office = await seed.office()
        ann = await seed.account(office, "collaborator", "Ann", role="COLLABORATOR")
        [did] = await created(uow, office, new("Dupont"))
        before = len(await outbox())
        with pytest.raises(RuntimeError):
            async with uow() as u:
                await u.dossiers.update(did, name="Durand")
                u.dossier_changed(office, [did], "updated", None)
                await u.accounts.update(ann.id, name="Changed")
                raise RuntimeError("the use case fails")
        async with uow() as u:
            assert (await u.dossiers.load(did, office)).name == "Dupont"
            assert (await u.accounts.get(ann.id)).name == "Ann"
        assert len(await outbox()) == before
