"""The accounts repository in memory (domain.ports.Accounts), on the accounts the memory dossiers join."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from office.adapters.dossiers import as_uuid
from office.domain.principals import Account, Collaborator, email_taken

CHANGEABLE = frozenset({"name", "language", "role", "active", "password_hash"})


class MemoryAccounts:
    """Implements domain.ports.Accounts on the accounts the memory dossiers join; ``revoked`` says when each user
    was last logged out everywhere, ``refresh`` is the memory credentials' refresh tokens (revoked with them)."""

    def __init__(self, rows: dict[str, Account], created: dict[str, datetime], refresh: dict[bytes, Any]) -> None:
        self.rows, self.created, self.refresh = rows, created, refresh
        self.hashes: dict[str, str | None] = {}  # user -> password hash
        self.revoked: dict[str, datetime] = {}

    async def by_email(self, email: str) -> tuple[Account, str | None] | None:
        found = next((a for a in self.rows.values() if a.email.lower() == email), None)
        return (found, self.hashes.get(found.id)) if found else None

    async def get(self, user_id: str, office_id: str | None = None, *, for_update: bool = False) -> Account | None:
        uid = as_uuid(user_id)
        found = self.rows.get(str(uid)) if uid else None
        return found if found is not None and office_id in (None, found.office_id) else None

    async def create(self, *, office_id: str, kind: str, email: str, name: str, language: str,
                     role: str | None = None, password_hash: str | None = None) -> Account:
        if any(a.email.lower() == email.lower() for a in self.rows.values()):
            raise email_taken()
        account = Account(str(uuid.uuid4()), office_id, kind, email, name, language, role, True)
        self.rows[account.id], self.hashes[account.id] = account, password_hash
        self.created[account.id] = datetime.now(timezone.utc)
        return account

    async def update(self, user_id: str, **values: Any) -> Account:
        assert values and set(values) <= CHANGEABLE, values
        if "password_hash" in values:
            self.hashes[user_id] = values.pop("password_hash")
        self.rows[user_id] = replace(self.rows[user_id], **values)
        return self.rows[user_id]

    async def active_collaborators(self, office_id: str, ids: list[str]) -> set[str]:
        return {i for i in ids if (a := self.rows.get(i)) is not None and a.office_id == office_id
                and a.kind == "collaborator" and a.active}

    async def revoke_user_tokens(self, user_id: str, now: datetime) -> None:
        self.revoked[user_id] = now
        for token in self.refresh.values():
            if token.user_id == user_id and token.revoked_at is None:
                token.revoked_at = now

    async def collaborators(self, office_id: str) -> list[Collaborator]:
        found = [await self.collaborator(a.id) for a in self.rows.values()
                 if a.office_id == office_id and a.kind == "collaborator"]
        return sorted(found, key=lambda c: (c.name.lower(), c.email))

    async def collaborator(self, user_id: str) -> Collaborator:
        a = self.rows[user_id]
        return Collaborator(a.id, a.email, a.name, a.role or "", a.language, a.active, self.created[user_id])

    async def active_admins(self, office_id: str) -> int:
        return sum(1 for a in self.rows.values() if a.office_id == office_id and a.role == "ADMIN" and a.active)
