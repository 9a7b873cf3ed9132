"""One suite every SessionStore must pass (memory and Postgres), so the fake cannot drift from the real one."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from portal.domain.sessions import Session, Tokens, new_session_id, utcnow


def new_tokens(n: int) -> Tokens:
    return Tokens(f"access-{n}", f"refresh-{n}", utcnow() + timedelta(minutes=15))


class RotatingOffice:
    """The office's refresh as far as a store sees it: each refresh token is used up; slow enough to overlap."""

    def __init__(self, live: str = "refresh-1") -> None:
        self.live, self.used = {live}, []

    async def refresh(self, token: str) -> Tokens:
        self.used.append(token)
        await asyncio.sleep(0.05)
        if token not in self.live:
            raise PermissionError("refresh token reused: family revoked")
        self.live = {f"refresh-{len(self.used) + 1}"}
        return new_tokens(len(self.used) + 1)


def a_session(session_id: str, *, ttl: timedelta = timedelta(hours=1)) -> Session:
    tokens = Tokens("access-1", "refresh-1", utcnow() + timedelta(minutes=15))
    return Session.open(session_id, tokens, {"user": {"id": "u1"}}, "fr", ttl)


class SessionStoreContract:
    """Subclasses provide a ``store`` fixture."""

    async def test_added_session_comes_back_by_its_id(self, store):
        sid = new_session_id()
        await store.add(a_session(sid))
        got = await store.get(sid)
        assert got is not None and got.tokens.access == "access-1" and got.language == "fr"
        assert got.me == {"user": {"id": "u1"}}

    async def test_unknown_id_gives_nothing(self, store):
        assert await store.get(new_session_id()) is None

    async def test_save_replaces_tokens_and_language(self, store):
        sid = new_session_id()
        session = a_session(sid)
        await store.add(session)
        renewed = session.with_tokens(Tokens("access-2", "refresh-2", utcnow() + timedelta(minutes=15)))
        await store.save(renewed.with_me({"user": {"id": "u1"}}, "de"))
        got = await store.get(sid)
        assert (got.tokens.access, got.tokens.refresh, got.language) == ("access-2", "refresh-2", "de")
        assert got.csrf_token == session.csrf_token

    async def test_deleted_session_is_gone(self, store):
        sid = new_session_id()
        await store.add(a_session(sid))
        await store.delete(sid)
        assert await store.get(sid) is None

    async def test_expired_session_is_not_returned_and_purged(self, store):
        sid, live = new_session_id(), new_session_id()
        await store.add(a_session(sid, ttl=timedelta(seconds=-1)))
        await store.add(a_session(live))
        assert await store.get(sid) is None
        assert await store.purge_expired() >= 1
        assert await store.get(live) is not None

    async def test_renew_uses_the_stored_refresh_token_once_and_keeps_the_new_tokens(self, store):
        sid, office = new_session_id(), RotatingOffice()
        session = a_session(sid)
        await store.add(session)
        assert (await store.renew(session, office.refresh)).refresh == "refresh-2"
        got = await store.get(sid)
        assert (got.tokens.access, got.tokens.refresh, got.me) == ("access-2", "refresh-2", session.me)
        assert office.used == ["refresh-1"]

    async def test_renew_of_an_already_renewed_session_gives_the_stored_tokens_without_a_refresh(self, store):
        sid, office = new_session_id(), RotatingOffice()
        session = a_session(sid)
        await store.add(session)
        await store.renew(session, office.refresh)
        again = await store.renew(session, office.refresh)  # a request that read the session before
        assert (again.access, again.refresh, office.used) == ("access-2", "refresh-2", ["refresh-1"])

    async def test_concurrent_renewals_call_the_office_once(self, store):
        sid, office = new_session_id(), RotatingOffice()
        session = a_session(sid)
        await store.add(session)
        renewed = await asyncio.gather(*(store.renew(session, office.refresh) for _ in range(5)))
        assert {t.refresh for t in renewed} == {"refresh-2"} and office.used == ["refresh-1"]

    async def test_a_refused_renewal_passes_the_error_and_keeps_the_stored_tokens(self, store):
        sid = new_session_id()
        session = a_session(sid)
        await store.add(session)
        with pytest.raises(PermissionError):
            await store.renew(session, RotatingOffice(live="other").refresh)
        assert (await store.get(sid)).tokens.refresh == "refresh-1"

    async def test_renew_of_a_deleted_session_gives_nothing(self, store):
        sid, office = new_session_id(), RotatingOffice()
        session = a_session(sid)
        await store.add(session)
        await store.delete(sid)
        assert await store.renew(session, office.refresh) is None and office.used == []
