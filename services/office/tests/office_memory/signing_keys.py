"""The signing keys repository in memory (domain.ports.SigningKeys)."""
from __future__ import annotations

from datetime import datetime

from office.domain.signing_key import SigningKey


class MemorySigningKeys:
    """Implements domain.ports.SigningKeys in a dictionary: each key with when it was retired (None: current). One
    process holds it, so ``lock`` has nobody to wait for."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[SigningKey, datetime | None]] = {}

    async def lock(self) -> None:
        return None

    def _current(self) -> list[SigningKey]:
        return sorted((key for key, retired in self.rows.values() if retired is None),
                      key=lambda k: (k.created_at, k.kid))

    async def newest(self) -> datetime | None:
        current = self._current()
        return current[-1].created_at if current else None

    async def add(self, key: SigningKey) -> None:
        self.rows[key.kid] = (key, None)

    async def retire_older(self, than: datetime, now: datetime) -> None:
        current = self._current()
        for key in current[:-1]:  # the newest current key stays
            if key.created_at < than:
                self.rows[key.kid] = (key, now)

    async def current(self) -> list[SigningKey]:
        return self._current()
