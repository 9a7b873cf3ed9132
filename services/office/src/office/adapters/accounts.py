"""Postgres repository of user accounts (collaborators and client users): domain.ports.Accounts."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from office.adapters.dossiers import as_uuid
from office.domain.principals import Account, Collaborator, email_taken

_COLUMNS = "id, office_id, kind, email, name, language, role, active"
_COLLABORATOR = "SELECT id, email, name, role, language, active, created_at FROM users"
CHANGEABLE = frozenset({"name", "language", "role", "active", "password_hash"})


def _account(row: asyncpg.Record) -> Account:
    return Account(id=str(row["id"]), office_id=str(row["office_id"]), kind=row["kind"], email=row["email"],
                   name=row["name"], language=row["language"], role=row["role"], active=row["active"])


def _collaborator(row: asyncpg.Record) -> Collaborator:
    return Collaborator(id=str(row["id"]), email=row["email"], name=row["name"], role=row["role"],
                        language=row["language"], active=row["active"], created_at=row["created_at"])


class PgAccounts:
    """Implements domain.ports.Accounts on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def by_email(self, email: str) -> tuple[Account, str | None] | None:
        row = await self.conn.fetchrow(f"SELECT {_COLUMNS}, password_hash FROM users WHERE lower(email) = $1", email)
        return (_account(row), row["password_hash"]) if row else None

    async def get(self, user_id: str, office_id: str | None = None, *, for_update: bool = False) -> Account | None:
        uid = as_uuid(user_id)
        if uid is None:
            return None
        lock = " FOR UPDATE" if for_update else ""
        row = await self.conn.fetchrow(f"SELECT {_COLUMNS} FROM users WHERE id = $1{lock}", uid)
        if row is None or (office_id is not None and str(row["office_id"]) != office_id):
            return None
        return _account(row)

    async def create(self, *, office_id: str, kind: str, email: str, name: str, language: str,
                     role: str | None = None, password_hash: str | None = None) -> Account:
        try:
            async with self.conn.transaction():  # a savepoint: the unit of work goes on after a taken e-mail
                row = await self.conn.fetchrow(
                    f"""INSERT INTO users (id, office_id, kind, email, name, language, role, password_hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {_COLUMNS}""",
                    uuid.uuid4(), uuid.UUID(office_id), kind, email, name, language, role, password_hash)
        except asyncpg.UniqueViolationError:
            raise email_taken() from None
        return _account(row)

    async def update(self, user_id: str, **values: Any) -> Account:
        assert values and set(values) <= CHANGEABLE, values
        sets = ", ".join(f"{key} = ${i}" for i, key in enumerate(values, start=2))
        row = await self.conn.fetchrow(f"UPDATE users SET {sets} WHERE id = $1 RETURNING {_COLUMNS}",
                                       uuid.UUID(user_id), *values.values())
        return _account(row)

    async def active_collaborators(self, office_id: str, ids: list[str]) -> set[str]:
        rows = await self.conn.fetch(
            "SELECT id FROM users WHERE office_id = $1 AND id = ANY($2::uuid[]) AND kind = 'collaborator' AND active",
            uuid.UUID(office_id), [uuid.UUID(i) for i in ids])
        return {str(r["id"]) for r in rows}

    async def revoke_user_tokens(self, user_id: str, now: datetime) -> None:
        await self.conn.execute("UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                                uuid.UUID(user_id), now)

    async def collaborators(self, office_id: str) -> list[Collaborator]:
        rows = await self.conn.fetch(f"{_COLLABORATOR} WHERE office_id = $1 AND kind = 'collaborator' "
                                     "ORDER BY lower(name), email", uuid.UUID(office_id))
        return [_collaborator(r) for r in rows]

    async def collaborator(self, user_id: str) -> Collaborator:
        return _collaborator(await self.conn.fetchrow(f"{_COLLABORATOR} WHERE id = $1", uuid.UUID(user_id)))

    async def active_admins(self, office_id: str) -> int:
        return await self.conn.fetchval("SELECT count(*) FROM users WHERE office_id = $1 AND role = 'ADMIN' AND active",
                                        uuid.UUID(office_id))
