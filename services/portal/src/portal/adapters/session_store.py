"""Where sessions live: the portal's Postgres table, or memory in unit tests. Both keep the same contract."""
from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Protocol

import asyncpg

from portal.domain.sessions import Session, Tokens, hash_session_id, utcnow

Refresh = Callable[[str], Awaitable[Tokens]]  # the office's /auth/refresh: a refresh token is used up


class SessionStore(Protocol):
    """Keeps sessions by their id (stored hashed). ``get`` returns None for unknown or expired ids."""

    async def add(self, session: Session) -> None: ...

    async def get(self, session_id: str) -> Session | None: ...

    async def save(self, session: Session) -> None:
        """Write back tokens, /me and language of an existing session."""

    async def delete(self, session_id: str) -> None: ...

    async def purge_expired(self, now: datetime | None = None) -> int:
        """Delete expired sessions; returns how many."""

    async def renew(self, session: Session, refresh: Refresh) -> Tokens | None:
        """Fresh tokens for the session, renewed at most once however many requests (and replicas) ask at once.

        One renewal at a time per session: when the stored refresh token is no longer the one ``session``
        holds, someone renewed meanwhile and the stored tokens come back without calling ``refresh`` (a used
        refresh token sent again makes the office revoke the whole family). Otherwise ``refresh`` is called with
        it and its tokens stored and returned; its errors pass through, the stored tokens unchanged. None when
        the session is gone (logged out, expired).
        """


class MemorySessionStore:
    """A SessionStore in a dict, for unit tests."""

    def __init__(self) -> None:
        self.rows: dict[str, Session] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def add(self, session: Session) -> None:
        self.rows[session.id_hash] = session

    async def get(self, session_id: str) -> Session | None:
        session = self.rows.get(hash_session_id(session_id))
        return None if session is None or session.expired() else session

    async def save(self, session: Session) -> None:
        if session.id_hash in self.rows:
            self.rows[session.id_hash] = session

    async def delete(self, session_id: str) -> None:
        self.rows.pop(hash_session_id(session_id), None)
        self._locks.pop(hash_session_id(session_id), None)

    async def purge_expired(self, now: datetime | None = None) -> int:
        gone = [k for k, s in self.rows.items() if s.expired(now)]
        for key in gone:
            del self.rows[key]
            self._locks.pop(key, None)
        return len(gone)

    async def renew(self, session: Session, refresh: Refresh) -> Tokens | None:
        async with self._locks.setdefault(session.id_hash, asyncio.Lock()):
            stored = self.rows.get(session.id_hash)
            if stored is None or stored.expired():
                return None
            if stored.tokens.refresh != session.tokens.refresh:
                return stored.tokens
            tokens = await refresh(stored.tokens.refresh)
            self.rows[session.id_hash] = stored.with_tokens(tokens)
            return tokens


_COLUMNS = "id_hash, csrf_token, access_token, refresh_token, access_expires, me, language, expires_at"


def _row_to_session(row: asyncpg.Record) -> Session:
    return Session(
        id_hash=row["id_hash"], csrf_token=row["csrf_token"],
        tokens=Tokens(row["access_token"], row["refresh_token"], row["access_expires"]),
        expires_at=row["expires_at"], me=json.loads(row["me"]), language=row["language"],
    )


class PostgresSessionStore:
    """A SessionStore in the portal database (table portal_session)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def add(self, session: Session) -> None:
        await self.pool.execute(
            f"INSERT INTO portal_session ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)",
            session.id_hash, session.csrf_token, session.tokens.access, session.tokens.refresh,
            session.tokens.access_expires, json.dumps(session.me), session.language, session.expires_at,
        )

    async def get(self, session_id: str) -> Session | None:
        row = await self.pool.fetchrow(
            f"UPDATE portal_session SET last_seen_at = now() WHERE id_hash = $1 AND expires_at > now()"
            f" RETURNING {_COLUMNS}",
            hash_session_id(session_id),
        )
        return None if row is None else _row_to_session(row)

    async def save(self, session: Session) -> None:
        await self.pool.execute(
            "UPDATE portal_session SET access_token = $2, refresh_token = $3, access_expires = $4,"
            " me = $5::jsonb, language = $6 WHERE id_hash = $1",
            session.id_hash, session.tokens.access, session.tokens.refresh, session.tokens.access_expires,
            json.dumps(session.me), session.language,
        )

    async def delete(self, session_id: str) -> None:
        await self.pool.execute("DELETE FROM portal_session WHERE id_hash = $1", hash_session_id(session_id))

    async def purge_expired(self, now: datetime | None = None) -> int:
        result = await self.pool.execute("DELETE FROM portal_session WHERE expires_at <= $1", now or utcnow())
        return int(result.split()[-1])

    async def renew(self, session: Session, refresh: Refresh) -> Tokens | None:
        # The row lock serialises renewals across portal replicas; it is held for one office call only.
        async with self.pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                "SELECT access_token, refresh_token, access_expires FROM portal_session"
                " WHERE id_hash = $1 AND expires_at > now() FOR UPDATE",
                session.id_hash,
            )
            if row is None:
                return None
            if row["refresh_token"] != session.tokens.refresh:
                return Tokens(row["access_token"], row["refresh_token"], row["access_expires"])
            tokens = await refresh(row["refresh_token"])
            await conn.execute(
                "UPDATE portal_session SET access_token = $2, refresh_token = $3, access_expires = $4 WHERE id_hash = $1",
                session.id_hash, tokens.access, tokens.refresh, tokens.access_expires,
            )
            return tokens
