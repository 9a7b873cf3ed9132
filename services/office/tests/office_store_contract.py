"""The second half of the office's one repository contract suite (the first: office_repository_contract.py): news,
help marks and the other stores the use cases reach through the unit of work, on every implementation (memory and
Postgres). Same fixtures: ``uow``, ``seed`` (office_repository_contract.Seed)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from office.adapters.keyring import ensure_keys
from office.domain.dossier import NewDossier
from office.domain.errors import Conflict
from office.domain.signing_key import SigningKey

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
TEXTS = {"all": {"title": "Hello", "text": "World"}}


class StoreContract:
    """The behaviour both implementations share (PLT-3, ACT-1, OFF-3, identity storage)."""

    async def test_news_items_are_listed_newest_first_per_audience_and_office(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        author = await seed.account(office, "collaborator", "Ann", role="ADMIN")
        async with uow() as u:
            old = await u.news.create(office.id, author.id, "clients", TEXTS, None, T0)
            new = await u.news.create(office.id, None, "both", TEXTS, "https://x.example", T0 + timedelta(hours=1))
            staff = await u.news.create(office.id, author.id, "office", TEXTS, None, T0 + timedelta(hours=2))
            await u.news.create(other.id, None, "both", TEXTS, None, T0)
        assert (old.audience, old.texts, old.link, old.published_at, old.updated_at, old.withdrawn_at) == (
            "clients", TEXTS, None, T0, T0, None)
        async with uow() as u:
            assert [i.id for i in await u.news.listing(office.id, audiences=("clients", "both"))] == [new.id, old.id]
            assert await u.news.get(other.id, old.id) is None and await u.news.get(office.id, "nope") is None
            edited = await u.news.update(old.id, "both", {"nl": {"title": "T", "text": "X"}}, None, T0 + timedelta(days=1))
            gone = await u.news.withdraw(new.id, T0 + timedelta(days=2))
        assert (edited.audience, edited.published_at, edited.updated_at) == ("both", T0, T0 + timedelta(days=1))
        assert gone.withdrawn_at == T0 + timedelta(days=2)
        async with uow() as u:
            assert [i.id for i in await u.news.listing(office.id, audiences=("office", "both"))] == [staff.id, old.id]
            everything = await u.news.listing(office.id, audiences=None, limit=2)
            assert (await u.news.get(office.id, old.id, for_update=True)) == edited
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
            team = await u.groups.create("collaborator_groups", office.id, "team")
            family = await u.groups.create("client_groups", office.id, "Family")
            dossier = await u.dossiers.create(office.id, NewDossier("D", None, None, "nl"))
            await u.groups.set_members(team, [ann.id])
            await u.groups.set_client_group(family, dossiers=[dossier], collaborators=[bob.id],
                                            collaborator_groups=[team])
            known = await u.groups.known(office.id, "collaborators", [ann.id, cli.id, eve.id])
            assert await u.groups.known(office.id, "dossiers", [dossier, str(uuid.uuid4())]) == {dossier}
            assert await u.groups.known(other.id, "client_groups", [family]) == set()
        assert known == {ann.id}
        async with uow() as u:
            [group] = await u.groups.client_groups(office.id, family)
            assert [g.name for g in await u.groups.collaborator_groups(office.id)] == ["team"]
            assert await u.groups.client_groups(other.id) == [] and await u.groups.client_groups(office.id, "x") == []
            assert await u.groups.client_groups_of_collaborator_group(team) == [family]
            assert await u.groups.dossiers_of_client_groups([family]) == [dossier]
            assert await u.dossiers.dossiers_reached_by(ann.id) == [dossier]  # through the collaborator group
        assert (group.dossiers, group.collaborators, group.collaborator_groups) == ((dossier,), (bob.id,), (team,))
        async with uow() as u:
            await u.groups.delete("collaborator_groups", team)
            await u.groups.set_client_group(family, dossiers=[], collaborators=None, collaborator_groups=None)
            [group] = await u.groups.client_groups(office.id)
            assert await u.dossiers.dossiers_reached_by(ann.id) == []
        assert (group.dossiers, group.collaborators, group.collaborator_groups) == ((), (bob.id,), ())

    async def test_a_group_name_is_unique_per_office_and_kind(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        async with uow() as u:
            first = await u.groups.create("client_groups", office.id, "Family")
            await u.groups.create("collaborator_groups", office.id, "Family")
            await u.groups.create("client_groups", other.id, "Family")
            second = await u.groups.create("client_groups", office.id, "Friends")
            with pytest.raises(Conflict) as taken:
                await u.groups.create("client_groups", office.id, "Family")
            with pytest.raises(Conflict):
                await u.groups.rename("client_groups", second, "Family")
            await u.groups.rename("client_groups", first, "aunts")  # the unit of work goes on after a refused name
        assert taken.value.reason == "name_taken"
        async with uow() as u:
            assert [g.name for g in await u.groups.client_groups(office.id)] == ["aunts", "Friends"]

    async def test_offices_are_found_by_id_and_slug_and_saved_with_their_settings(self, uow, seed):
        slug = f"o-{uuid.uuid4().hex[:8]}"
        async with uow() as u:
            office_id = await u.offices.create(slug=slug, name="Acme", portal_name="Acme portal", language="fr")
            office = await u.offices.by_slug(slug)
            assert await u.offices.by_slug("no-such-office") is None
            assert await u.offices.get("nope") is None and await u.offices.get(str(uuid.uuid4())) is None
        assert (office.id, office.name, office.default_language, office.payment_module) == (
            office_id, "Acme", "fr", False)
        async with uow() as u:
            await u.offices.save(replace(office, portal_name="Portal", payment_module=True))
        async with uow() as u:
            saved = await u.offices.get(office_id, for_update=True)
        assert (saved.portal_name, saved.payment_module, saved.slug) == ("Portal", True, slug)
        assert saved.journal_templates == office.journal_templates

    async def test_an_account_is_created_once_per_email_and_found_by_it_with_its_hash(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        email = f"{uuid.uuid4().hex[:8]}@x.example"
        async with uow() as u:
            made = await u.accounts.create(office_id=office.id, kind="client", email=email, name="Cli",
                                           language="fr", password_hash="h1")
            with pytest.raises(Conflict) as taken:
                await u.accounts.create(office_id=other.id, kind="client", email=email.upper(), name="X",
                                        language="nl")
            await u.accounts.update(made.id, name="Client")  # the unit of work goes on after a taken e-mail
        assert taken.value.reason == "email_taken"
        assert (made.office_id, made.kind, made.role, made.active) == (office.id, "client", None, True)
        async with uow() as u:
            found, password_hash = await u.accounts.by_email(email)
            await u.accounts.update(made.id, password_hash="h2")
            assert (await u.accounts.by_email(email))[1] == "h2"
            assert await u.accounts.by_email("nobody@x.example") is None
        assert (found.id, found.name, password_hash) == (made.id, "Client", "h1")

    async def test_login_attempts_are_counted_per_client_and_forgotten_per_email(self, uow, seed):
        email = f"{uuid.uuid4().hex[:8]}@x.example"
        async with uow() as u:
            assert await u.credentials.attempts(email, "10.0.0.1") == (0, None)
            await u.credentials.record_failure(email, 3, T0, "10.0.0.1")
            await u.credentials.record_failure(email, 1, None)  # not read first: nothing to store
            assert await u.credentials.attempts(email) == (0, None)
            await u.credentials.record_failure(email, 1, None)
        async with uow() as u:
            assert await u.credentials.attempts(email, "10.0.0.1") == (3, T0)
            assert await u.credentials.attempts(email) == (1, None)
            await u.credentials.reset_attempts(email)
        async with uow() as u:
            assert await u.credentials.attempts(email, "10.0.0.1") == (0, None)

    async def test_reset_requests_are_counted_per_bucket_since_a_moment(self, uow, seed):
        bucket = f"email:{uuid.uuid4().hex}"
        async with uow() as u:
            for minutes in (0, 30, 50):
                await u.credentials.add_request(bucket, T0 + timedelta(minutes=minutes))
        async with uow() as u:
            assert await u.credentials.count_requests(bucket, T0 + timedelta(minutes=10)) == (
                2, T0 + timedelta(minutes=30))
            assert await u.credentials.count_requests(bucket, T0) == (2, T0 + timedelta(minutes=30))  # older forgotten
            assert await u.credentials.count_requests("other", T0) == (0, None)

    async def test_a_refresh_token_is_used_once_and_revoked_with_its_family_or_user(self, uow, seed):
        office = await seed.office()
        ann, bob = await seed.account(office, "client", "Ann"), await seed.account(office, "client", "Bob")
        family, later = str(uuid.uuid4()), T0 + timedelta(days=30)
        async with uow() as u:
            await u.credentials.add_refresh_token(ann.id, family, b"a" * 32, later)
            await u.credentials.add_refresh_token(ann.id, family, b"b" * 32, later)
            await u.credentials.add_refresh_token(bob.id, str(uuid.uuid4()), b"c" * 32, later)
        async with uow() as u:
            fresh = await u.credentials.use_refresh_token(b"a" * 32, T0)
            again = await u.credentials.use_refresh_token(b"a" * 32, T0 + timedelta(minutes=1))
            assert await u.credentials.use_refresh_token(b"?" * 32, T0) is None
            assert await u.credentials.family_of(b"b" * 32) == family and await u.credentials.family_of(b"?") is None
            await u.credentials.revoke_family(family, T0 + timedelta(minutes=2))
            await u.accounts.revoke_user_tokens(bob.id, T0 + timedelta(minutes=3))
        assert (fresh.user_id, fresh.family_id, fresh.expires_at, fresh.was_used) == (ann.id, family, later, None)
        assert again.was_used == T0
        async with uow() as u:
            assert (await u.credentials.use_refresh_token(b"b" * 32, T0)).was_used == T0 + timedelta(minutes=2)
            assert (await u.credentials.use_refresh_token(b"c" * 32, T0)).was_used == T0 + timedelta(minutes=3)

    async def test_a_link_token_is_used_once_before_it_expires(self, uow, seed):
        office = await seed.office()
        ann = await seed.account(office, "client", "Ann")
        async with uow() as u:
            await u.credentials.add_link_token(ann.id, "welcome", b"w" * 32, T0 + timedelta(days=7))
            await u.credentials.add_link_token(ann.id, "reset", b"r" * 32, T0 + timedelta(hours=1))
        async with uow() as u:
            assert await u.credentials.use_link_token(b"r" * 32, T0 + timedelta(hours=2)) is None  # expired
            assert await u.credentials.use_link_token(b"w" * 32, T0) == ann.id
            assert await u.credentials.use_link_token(b"w" * 32, T0) is None  # used
            assert await u.credentials.use_link_token(b"?" * 32, T0) is None

    async def test_signing_keys_are_current_until_retired_and_the_newest_is_never_retired(self, uow):
        old, mid, new = (SigningKey(kid, kid.encode() * 8, T0 + timedelta(days=days))
                         for kid, days in (("b-old", 0), ("a-mid", 40), ("c-new", 70)))
        async with uow() as u:
            await u.signing_keys.lock()
            assert await u.signing_keys.newest() is None and await u.signing_keys.current() == []
            for key in (new, old, mid):
                await u.signing_keys.add(key)
        async with uow() as u:
            assert (await u.signing_keys.current(), await u.signing_keys.newest()) == ([old, mid, new], new.created_at)
            await u.signing_keys.retire_older(T0 + timedelta(days=60), T0 + timedelta(days=70))
        async with uow() as u:
            assert await u.signing_keys.current() == [new]
            await u.signing_keys.retire_older(T0 + timedelta(days=365), T0 + timedelta(days=365))
        async with uow() as u:
            assert (await u.signing_keys.current(), await u.signing_keys.newest()) == ([new], new.created_at)

    async def test_signing_keys_rotate_after_the_rotation_period_and_retire_after_two(self, uow):
        rotation = timedelta(days=30)

        async def ensure_at(days: int) -> list[str]:
            async with uow() as u:
                await ensure_keys(u.signing_keys, rotation, T0 + timedelta(days=days))
            async with uow() as u:
                return [k.kid for k in await u.signing_keys.current()]

        [first] = await ensure_at(0)
        assert await ensure_at(10) == [first]  # young enough: kept alone
        first_two = await ensure_at(31)
        assert len(first_two) == 2 and first_two[0] == first
        last = await ensure_at(62)  # a third key; the first, two periods old, retired
        assert len(last) == 2 and last[0] == first_two[1] and last[1] not in first_two
        assert await ensure_at(62) == last  # one new key per period, however often asked

    async def test_activity_counts_per_dossier_of_the_office_and_keeps_the_latest_sync(self, uow, seed):
        office, other = await seed.office(), await seed.office()
        async with uow() as u:
            did = await u.dossiers.create(office.id, NewDossier("D", None, None, "nl"))
            quiet = await u.dossiers.create(office.id, NewDossier("Q", None, None, "nl"))
            theirs = await u.dossiers.create(other.id, NewDossier("T", None, None, "nl"))
            await u.activity.document_received(did, T0 + timedelta(hours=1))
            await u.activity.document_received(did, T0)  # an older arrival counts but is not the latest
            await u.activity.add_sent(did, 1)
            await u.activity.add_sent(did, -3)  # never below zero
            await u.activity.add_sent(did, 2)
            await u.activity.synced(did, status="ok", error=None, at=T0 + timedelta(hours=2), reason="manual")
            await u.activity.synced(did, status="needs_support", error="x", at=T0, reason="nightly")  # older run
            await u.activity.add_sent(theirs, 1)
            await u.activity.document_received(str(uuid.uuid4()), T0)  # unknown dossier: left alone
        async with uow() as u:
            known = await u.activity.of_office(office.id)
            await u.activity.reset_sent(did)
            assert (await u.activity.of_office(office.id))[did].sent_to_accounting == 0
        assert list(known) == [did] and quiet not in known
        mine = known[did]
        assert (mine.documents_received, mine.last_document_at, mine.sent_to_accounting) == (
            2, T0 + timedelta(hours=1), 2)
        assert (mine.sync_status, mine.sync_error, mine.last_sync_at, mine.last_sync_reason) == (
            "ok", None, T0 + timedelta(hours=2), "manual")

    async def test_a_block_that_raises_leaves_none_of_these_stores_changed(self, uow, seed):
        office = await seed.office()
        ann = await seed.account(office, "client", "Ann")
        with pytest.raises(RuntimeError):
            async with uow() as u:
                await u.news.create(office.id, None, "both", TEXTS, None, T0)
                await u.groups.create("client_groups", office.id, "Family")
                await u.credentials.add_link_token(ann.id, "welcome", b"l" * 32, T0 + timedelta(days=7))
                await u.offices.save(replace(office, name="Renamed"))
                await u.signing_keys.add(SigningKey("k", b"k" * 32, T0))
                raise RuntimeError("the use case fails")
        async with uow() as u:
            assert await u.news.listing(office.id, audiences=None) == []
            assert await u.groups.client_groups(office.id) == []
            assert await u.credentials.use_link_token(b"l" * 32, T0) is None
            assert (await u.offices.get(office.id)).name == office.name
            assert await u.signing_keys.current() == []
