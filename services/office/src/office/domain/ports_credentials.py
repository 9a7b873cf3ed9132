"""What proves or throttles who logs in, as Protocols (domain.ports gathers them in the UnitOfWork): the credentials
and the keys that sign the tokens; implemented on Postgres (adapters/credentials.py, adapters/signing_keys.py) and
in memory (tests/office_memory/credentials.py, signing_keys.py), one contract suite for both."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from office.domain.signing_key import SigningKey
from office.domain.tokens import ANY_CLIENT, UsedRefreshToken


class Credentials(Protocol):
    """What proves or throttles who logs in: login attempts per e-mail and client address, password-reset requests
    per bucket, refresh tokens in rotation families and one-time link tokens; tokens only by their hash."""

    async def attempts(self, email: str, client: str = ANY_CLIENT) -> tuple[int, datetime | None]:
        """(consecutive failures, locked until) of an e-mail from a client address (the row is locked until the
        transaction ends; a new one starts at (0, None))."""

    async def record_failure(self, email: str, failures: int, locked_until: datetime | None,
                             client: str = ANY_CLIENT) -> None:
        """Store the failure count and lock of an e-mail from a client address (read by ``attempts`` first)."""

    async def reset_attempts(self, email: str) -> None:
        """Forget the failures of an e-mail from every client address."""

    async def count_requests(self, bucket: str, since: datetime) -> tuple[int, datetime | None]:
        """(how many requests of a bucket since a moment, the oldest of them); older ones are forgotten."""

    async def add_request(self, bucket: str, at: datetime) -> None:
        """Count one request of a bucket."""

    async def add_refresh_token(self, user_id: str, family_id: str, token_hash: bytes, expires_at: datetime) -> None:
        """Store a new refresh token in a rotation family."""

    async def use_refresh_token(self, token_hash: bytes, now: datetime) -> UsedRefreshToken | None:
        """Use up a fresh token (``was_used`` None); a used or revoked one comes back unchanged with when, so reuse
        is seen; None for an unknown token."""

    async def family_of(self, token_hash: bytes) -> str | None:
        """The rotation family of a token, or None."""

    async def revoke_family(self, family_id: str, now: datetime) -> None:
        """Revoke every token of a family not revoked yet."""

    async def add_link_token(self, user_id: str, purpose: str, token_hash: bytes, expires_at: datetime) -> None:
        """Store a one-time link token (welcome, reset)."""

    async def use_link_token(self, token_hash: bytes, now: datetime) -> str | None:
        """Use up a link token; its user, or None when unknown, used or expired."""


class SigningKeys(Protocol):
    """The Ed25519 keys the office signs its tokens with: a key is current until it is retired; office instances
    take turns changing them (``lock``). Every method runs in the unit of work's transaction."""

    async def lock(self) -> None:
        """Hold the signing keys' lock until the transaction ends: one office instance at a time rotates them."""

    async def newest(self) -> datetime | None:
        """When the newest current key was made, or None when there is no current key."""

    async def add(self, key: SigningKey) -> None:
        """Store a new current key."""

    async def retire_older(self, than: datetime, now: datetime) -> None:
        """Retire at ``now`` every current key made before ``than``, but never the newest current one."""

    async def current(self) -> list[SigningKey]:
        """Every current key, oldest first (by when it was made, then by kid)."""
