"""Postgres repository of login attempts, password-reset requests, refresh tokens and link tokens (their hashes):
domain.ports.Credentials."""
from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from office.domain.tokens import ANY_CLIENT, UsedRefreshToken


def _used(row: asyncpg.Record) -> UsedRefreshToken:
    return UsedRefreshToken(str(row["user_id"]), str(row["family_id"]), row["expires_at"], row["was_used"])


class PgCredentials:
    """Implements domain.ports.Credentials on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def attempts(self, email: str, client: str = ANY_CLIENT) -> tuple[int, datetime | None]:
        await self.conn.execute("INSERT INTO login_attempts (email, client) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                email, client)
        row = await self.conn.fetchrow(
            "SELECT failures, locked_until FROM login_attempts WHERE email = $1 AND client = $2 FOR UPDATE",
            email, client)
        return row["failures"], row["locked_until"]

    async def record_failure(self, email: str, failures: int, locked_until: datetime | None,
                             client: str = ANY_CLIENT) -> None:
        await self.conn.execute(
            "UPDATE login_attempts SET failures = $3, locked_until = $4 WHERE email = $1 AND client = $2",
            email, client, failures, locked_until)

    async def reset_attempts(self, email: str) -> None:
        await self.conn.execute("DELETE FROM login_attempts WHERE email = $1", email)

    async def count_requests(self, bucket: str, since: datetime) -> tuple[int, datetime | None]:
        await self.conn.execute("DELETE FROM reset_requests WHERE bucket = $1 AND requested_at < $2", bucket, since)
        row = await self.conn.fetchrow(
            "SELECT count(*) AS n, min(requested_at) AS oldest FROM reset_requests WHERE bucket = $1", bucket)
        return row["n"], row["oldest"]

    async def add_request(self, bucket: str, at: datetime) -> None:
        await self.conn.execute("INSERT INTO reset_requests (bucket, requested_at) VALUES ($1, $2)", bucket, at)

    async def add_refresh_token(self, user_id: str, family_id: str, token_hash: bytes, expires_at: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)",
            uuid.uuid4(), uuid.UUID(user_id), uuid.UUID(family_id), token_hash, expires_at)

    async def use_refresh_token(self, token_hash: bytes, now: datetime) -> UsedRefreshToken | None:
        row = await self.conn.fetchrow(
            """UPDATE refresh_tokens SET used_at = $2
               WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL
               RETURNING user_id, family_id, expires_at, NULL::timestamptz AS was_used""", token_hash, now)
        if row is None:
            row = await self.conn.fetchrow(
                "SELECT user_id, family_id, expires_at, coalesce(used_at, revoked_at) AS was_used FROM refresh_tokens "
                "WHERE token_hash = $1", token_hash)
        return _used(row) if row else None

    async def family_of(self, token_hash: bytes) -> str | None:
        family = await self.conn.fetchval("SELECT family_id FROM refresh_tokens WHERE token_hash = $1", token_hash)
        return str(family) if family else None

    async def revoke_family(self, family_id: str, now: datetime) -> None:
        await self.conn.execute("UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
                                uuid.UUID(family_id), now)

    async def add_link_token(self, user_id: str, purpose: str, token_hash: bytes, expires_at: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO link_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
            token_hash, uuid.UUID(user_id), purpose, expires_at)

    async def use_link_token(self, token_hash: bytes, now: datetime) -> str | None:
        user_id = await self.conn.fetchval(
            "UPDATE link_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 "
            "RETURNING user_id", token_hash, now)
        return str(user_id) if user_id else None
