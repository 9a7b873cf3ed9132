"""The accounts repository in memory (domain.ports.Accounts), on the accounts the memory dossiers join."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from office.adapters.dossiers import as_uuid
from office.domain.principals import Account, Collaborator


class MemoryAccounts:
    """Implements domain.ports.Accounts on the accounts the memory dossiers join; ``revoked`` says when each user
    was last logged out everywhere."""

    def __init__(self, rows: dict[str, Account], created: dict[str, datetime]) -> None:
        self.rows, self.created = rows, created
        self.revoked: dict[str, datetime] = {}

    async def get(self, user_id: str, office_id: str | None = None, *, for_update: bool = False) -> Account | None:
        uid = as_uuid(user_id)
        found = self.rows.get(str(uid)) if uid else None
        return found if found is not None and office_id in (None, found.office_id) else None

    async def update(self, user_id: str, **values: Any) -> Account:
        assert values and set(values) <= {"name", "language", "role", "active", "password_hash"}, values
        self.rows[user_id] = replace(self.rows[user_id], **{k: v for k, v in values.items() if k != "password_hash"})
        return self.rows[user_id]

    async def active_collaborators(self, office_id: str, ids: list[str]) -> set[str]:
        return {i for i in ids if (a := self.rows.get(i)) is not None and a.office_id == office_id
                and a.kind == "collaborator" and a.active}

    async def revoke_user_tokens(self, user_id: str, now: datetime) -> None:
        self.revoked[user_id] = now

    async def collaborators(self, office_id: str) -> list[Collaborator]:
        found = [await self.collaborator(a.id) for a in self.rows.values()
                 if a.office_id == office_id and a.kind == "collaborator"]
        return sorted(found, key=lambda c: (c.name.lower(), c.email))

    async def collaborator(self, user_id: str) -> Collaborator:
        a = self.rows[user_id]
        return Collaborator(a.id, a.email, a.name, a.role or "", a.language, a.active, self.created[user_id])

    async def active_admins(self, office_id: str) -> int:
        return sum(1 for a in self.rows.values() if a.office_id == office_id and a.role == "ADMIN" and a.active)
