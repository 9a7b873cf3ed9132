"""One suite every SessionStore must pass (memory and Postgres), so the fake cannot drift from the real one."""
from __future__ import annotations

from datetime import timedelta

from portal.domain.sessions import Session, Tokens, new_session_id, utcnow


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
