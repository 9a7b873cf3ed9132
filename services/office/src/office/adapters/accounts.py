"""Postgres repository of user accounts, login attempts, refresh tokens and link tokens."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from office.domain.principals import Account, Collaborator

_COLUMNS = "id, office_id, kind, email, name, language, role, active"


def _account(row: asyncpg.Record) -> Account:
    return Account(id=str(row["id"]), office_id=str(row["office_id"]), kind=row["kind"], email=row["email"],
                   name=row["name"], language=row["language"], role=row["role"], active=row["active"])


async def by_email(conn: asyncpg.Connection, email: str) -> tuple[Account, str | None] | None:
    """The account with this e-mail and its password hash, or None."""
    row = await conn.fetchrow(f"SELECT {_COLUMNS}, password_hash FROM users WHERE lower(email) = $1", email)
    return (_account(row), row["password_hash"]) if row else None


async def get(conn: asyncpg.Connection, user_id: str, office_id: str | None = None, *,
              for_update: bool = False) -> Account | None:
    """The account with this id (in this office when given), or None."""
    try:
        uid = uuid.UUID(str(user_id))
    except ValueError:
        return None
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM users WHERE id = $1" + (" FOR UPDATE" if for_update else ""), uid)
    if row is None or (office_id is not None and str(row["office_id"]) != office_id):
        return None
    return _account(row)


async def create(conn: asyncpg.Connection, *, office_id: str, kind: str, email: str, name: str, language: str,
                 role: str | None = None, password_hash: str | None = None) -> Account:
    """A new account; asyncpg.UniqueViolationError when the e-mail is taken."""
    row = await conn.fetchrow(
        f"""INSERT INTO users (id, office_id, kind, email, name, language, role, password_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {_COLUMNS}""",
        uuid.uuid4(), uuid.UUID(office_id), kind, email, name, language, role, password_hash,
    )
    return _account(row)


async def update(conn: asyncpg.Connection, user_id: str, **values: Any) -> Account:
    """Change columns of an account (name, language, role, active, password_hash)."""
    allowed = {"name", "language", "role", "active", "password_hash"}
    assert values and set(values) <= allowed, values
    sets = ", ".join(f"{key} = ${i}" for i, key in enumerate(values, start=2))
    row = await conn.fetchrow(f"UPDATE users SET {sets} WHERE id = $1 RETURNING {_COLUMNS}",
                              uuid.UUID(user_id), *values.values())
    return _account(row)


def _collaborator(row: asyncpg.Record) -> Collaborator:
    return Collaborator(id=str(row["id"]), email=row["email"], name=row["name"], role=row["role"],
                        language=row["language"], active=row["active"], created_at=row["created_at"])


async def active_admins(conn: asyncpg.Connection, office_id: str) -> int:
    """How many active ADMIN collaborators the office has."""
    return await conn.fetchval("SELECT count(*) FROM users WHERE office_id = $1 AND role = 'ADMIN' AND active",
                               uuid.UUID(office_id))


# --- login attempts -------------------------------------------------------------------------

ANY_CLIENT = "*"  # the per-e-mail row, across every client address


async def attempts(conn: asyncpg.Connection, email: str, client: str = ANY_CLIENT) -> tuple[int, datetime | None]:
    """(consecutive failures, locked until) for an e-mail from a client address, locking the row for this transaction."""
    await conn.execute("INSERT INTO login_attempts (email, client) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                       email, client)
    row = await conn.fetchrow(
        "SELECT failures, locked_until FROM login_attempts WHERE email = $1 AND client = $2 FOR UPDATE", email, client)
    return row["failures"], row["locked_until"]


async def record_failure(conn: asyncpg.Connection, email: str, failures: int, locked_until: datetime | None,
                         client: str = ANY_CLIENT) -> None:
    """Store the failure count and lock of an e-mail from a client address."""
    await conn.execute("UPDATE login_attempts SET failures = $3, locked_until = $4 WHERE email = $1 AND client = $2",
                       email, client, failures, locked_until)


async def reset_attempts(conn: asyncpg.Connection, email: str) -> None:
    """Forget the failures of an e-mail from everywhere (after a successful login or a password reset)."""
    await conn.execute("DELETE FROM login_attempts WHERE email = $1", email)


async def count_requests(conn: asyncpg.Connection, bucket: str, since: datetime) -> tuple[int, datetime | None]:
    """(how many requests of a bucket since a moment, the oldest of them); older ones are forgotten."""
    await conn.execute("DELETE FROM reset_requests WHERE bucket = $1 AND requested_at < $2", bucket, since)
    row = await conn.fetchrow("SELECT count(*) AS n, min(requested_at) AS oldest FROM reset_requests WHERE bucket = $1",
                              bucket)
    return row["n"], row["oldest"]


async def add_request(conn: asyncpg.Connection, bucket: str, at: datetime) -> None:
    """Count one request of a bucket (password-reset throttling)."""
    await conn.execute("INSERT INTO reset_requests (bucket, requested_at) VALUES ($1, $2)", bucket, at)


# --- refresh tokens -------------------------------------------------------------------------

async def add_refresh_token(conn: asyncpg.Connection, user_id: str, family_id: uuid.UUID, token_hash: bytes,
                            expires_at: datetime) -> None:
    """Store a new refresh token (its hash) in a rotation family."""
    await conn.execute(
        "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)",
        uuid.uuid4(), uuid.UUID(user_id), family_id, token_hash, expires_at)


async def use_refresh_token(conn: asyncpg.Connection, token_hash: bytes, now: datetime) -> asyncpg.Record | None:
    """Mark a refresh token used and return it; a used/revoked one is returned unchanged (to detect reuse)."""
    row = await conn.fetchrow(
        """UPDATE refresh_tokens SET used_at = $2
           WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL
           RETURNING user_id, family_id, expires_at, NULL::timestamptz AS was_used""", token_hash, now)
    if row is not None:
        return row
    return await conn.fetchrow(
        "SELECT user_id, family_id, expires_at, coalesce(used_at, revoked_at) AS was_used FROM refresh_tokens "
        "WHERE token_hash = $1", token_hash)


async def revoke_family(conn: asyncpg.Connection, family_id: uuid.UUID, now: datetime) -> None:
    """Revoke every token of a rotation family (logout, reuse detected)."""
    await conn.execute("UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
                       family_id, now)


async def revoke_user_tokens(conn: asyncpg.Connection, user_id: str, now: datetime) -> None:
    """Revoke every refresh token of a user (disabled, password changed)."""
    await conn.execute("UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                       uuid.UUID(user_id), now)


class PgAccounts:
    """Implements domain.ports.Accounts on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def get(self, user_id: str, office_id: str | None = None, *, for_update: bool = False) -> Account | None:
        return await get(self.conn, user_id, office_id, for_update=for_update)

    async def update(self, user_id: str, **values: Any) -> Account:
        return await update(self.conn, user_id, **values)

    async def active_collaborators(self, office_id: str, ids: list[str]) -> set[str]:
        rows = await self.conn.fetch(
            "SELECT id FROM users WHERE office_id = $1 AND id = ANY($2::uuid[]) AND kind = 'collaborator' AND active",
            uuid.UUID(office_id), [uuid.UUID(i) for i in ids])
        return {str(r["id"]) for r in rows}

    async def revoke_user_tokens(self, user_id: str, now: datetime) -> None:
        await revoke_user_tokens(self.conn, user_id, now)

    async def collaborators(self, office_id: str) -> list[Collaborator]:
        rows = await self.conn.fetch(
            "SELECT id, email, name, role, language, active, created_at FROM users "
            "WHERE office_id = $1 AND kind = 'collaborator' ORDER BY lower(name), email", uuid.UUID(office_id))
        return [_collaborator(r) for r in rows]

    async def collaborator(self, user_id: str) -> Collaborator:
        row = await self.conn.fetchrow(
            "SELECT id, email, name, role, language, active, created_at FROM users WHERE id = $1", uuid.UUID(user_id))
        return _collaborator(row)

    async def active_admins(self, office_id: str) -> int:
        return await active_admins(self.conn, office_id)


# --- link tokens (welcome, password reset) ---------------------------------------------------

async def add_link_token(conn: asyncpg.Connection, user_id: str, purpose: str, token_hash: bytes,
                         expires_at: datetime) -> None:
    """Store a one-time link token (its hash)."""
    await conn.execute("INSERT INTO link_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
                       token_hash, uuid.UUID(user_id), purpose, expires_at)


async def use_link_token(conn: asyncpg.Connection, token_hash: bytes, now: datetime) -> str | None:
    """Consume a valid link token; the user id, or None when unknown, used or expired."""
    user_id = await conn.fetchval(
        "UPDATE link_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 "
        "RETURNING user_id", token_hash, now)
    return str(user_id) if user_id else None
