"""The API keys repository in memory (domain.ports.ApiKeys)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone

from office.adapters.dossiers import as_uuid
from office.domain.api_key import ApiKey


class MemoryApiKeys:
    """Implements domain.ports.ApiKeys in dictionaries."""

    def __init__(self) -> None:
        self.rows: dict[str, ApiKey] = {}
        self.hashes: dict[bytes, str] = {}

    async def create(self, *, office_id: str, dossier_id: str, mailbox: str, name: str, prefix: str,
                     key_hash: bytes, created_by: str | None) -> ApiKey:
        key = ApiKey(str(uuid.uuid4()), office_id, dossier_id, mailbox, name, prefix, datetime.now(timezone.utc))
        self.rows[key.id], self.hashes[key_hash] = key, key.id
        return key

    async def of_dossier(self, dossier_id: str) -> list[ApiKey]:
        mine = sorted((k for k in self.rows.values() if k.dossier_id == dossier_id), key=lambda k: uuid.UUID(k.id))
        return sorted(mine, key=lambda k: k.created_at, reverse=True)  # stable: the id order stays among equals

    async def by_hash(self, key_hash: bytes) -> ApiKey | None:
        return self.rows.get(self.hashes.get(key_hash, ""))

    async def get(self, key_id: str) -> ApiKey | None:
        kid = as_uuid(key_id)
        return self.rows.get(str(kid)) if kid else None

    async def revoke(self, key_id: str, now: datetime) -> None:
        key = self.rows[key_id]
        self.rows[key_id] = replace(key, revoked_at=key.revoked_at or now)
