"""The credentials repository in memory (domain.ports.Credentials): login attempts, reset requests, refresh and
link tokens."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from office.domain.tokens import ANY_CLIENT, UsedRefreshToken


@dataclass
class RefreshRow:
    """A stored refresh token (by its hash)."""

    user_id: str
    family_id: str
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


class MemoryCredentials:
    """Implements domain.ports.Credentials in dictionaries (``refresh`` shared with the memory accounts, which
    revoke a user's tokens)."""

    def __init__(self, refresh: dict[bytes, RefreshRow]) -> None:
        self.refresh = refresh
        self.attempted: dict[tuple[str, str], tuple[int, datetime | None]] = {}
        self.requests: dict[str, list[datetime]] = {}
        self.links: dict[bytes, tuple[str, str, datetime, datetime | None]] = {}  # user, purpose, expires, used

    async def attempts(self, email: str, client: str = ANY_CLIENT) -> tuple[int, datetime | None]:
        return self.attempted.setdefault((email, client), (0, None))

    async def record_failure(self, email: str, failures: int, locked_until: datetime | None,
                             client: str = ANY_CLIENT) -> None:
        if (email, client) in self.attempted:
            self.attempted[(email, client)] = (failures, locked_until)

    async def reset_attempts(self, email: str) -> None:
        self.attempted = {k: v for k, v in self.attempted.items() if k[0] != email}

    async def count_requests(self, bucket: str, since: datetime) -> tuple[int, datetime | None]:
        kept = self.requests[bucket] = [at for at in self.requests.get(bucket, []) if at >= since]
        return len(kept), min(kept, default=None)

    async def add_request(self, bucket: str, at: datetime) -> None:
        self.requests.setdefault(bucket, []).append(at)

    async def add_refresh_token(self, user_id: str, family_id: str, token_hash: bytes, expires_at: datetime) -> None:
        self.refresh[token_hash] = RefreshRow(user_id, family_id, expires_at)

    async def use_refresh_token(self, token_hash: bytes, now: datetime) -> UsedRefreshToken | None:
        row = self.refresh.get(token_hash)
        if row is None:
            return None
        was_used = row.used_at or row.revoked_at
        if was_used is None:
            row.used_at = now
        return UsedRefreshToken(row.user_id, row.family_id, row.expires_at, was_used)

    async def family_of(self, token_hash: bytes) -> str | None:
        row = self.refresh.get(token_hash)
        return row.family_id if row else None

    async def revoke_family(self, family_id: str, now: datetime) -> None:
        for row in self.refresh.values():
            if row.family_id == family_id and row.revoked_at is None:
                row.revoked_at = now

    async def add_link_token(self, user_id: str, purpose: str, token_hash: bytes, expires_at: datetime) -> None:
        self.links[token_hash] = (user_id, purpose, expires_at, None)

    async def use_link_token(self, token_hash: bytes, now: datetime) -> str | None:
        link = self.links.get(token_hash)
        if link is None or link[3] is not None or link[2] <= now:
            return None
        self.links[token_hash] = (*link[:3], now)
        return link[0]
