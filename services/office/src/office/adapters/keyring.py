"""The office's Ed25519 signing keys, kept in its database: the newest signs, every unretired key verifies.

Keys are generated on first start and rotated after ``office_signing_key_rotation_days``; a
rotated key keeps verifying (and stays in the JWKS) for another rotation period, far longer than
any token lives. Several office instances agree through the keys' lock (SigningKeys.lock) and reload
the keys from the database when a token names a kid they do not know yet. The keys are read and
written through the unit of work's ``signing_keys`` repository (domain.ports_credentials.SigningKeys).
"""
from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from runtime.auth.principal import Principal
from runtime.auth.tokens import TokenIssuer, TokenVerifier, Unauthenticated, generate_signing_key, jwks_document

from office.config import OfficeSettings
from office.domain.ports import SigningKeys, UnitOfWork
from office.domain.signing_key import SigningKey

_RELOAD_INTERVAL_S = 5.0


async def ensure_keys(keys: SigningKeys, rotation: timedelta, now: datetime) -> None:
    """Create the first signing key, or a new one when the newest is older than ``rotation``; retire stale ones.
    Runs in one unit of work (the keys' lock is held until it commits)."""
    await keys.lock()
    newest = await keys.newest()
    if newest is None or newest < now - rotation:
        await keys.add(SigningKey(uuid.uuid4().hex[:16], generate_signing_key().private_bytes_raw(), now))
    await keys.retire_older(now - 2 * rotation, now)


class KeyRing:
    """Signs tokens with the newest key and verifies them against every published key."""

    def __init__(self, units: Callable[[], UnitOfWork], settings: OfficeSettings,
                 clock: Callable[[], datetime]) -> None:
        self.units, self.settings, self.clock = units, settings, clock
        self._keys: dict[str, Ed25519PrivateKey] = {}
        self._newest = ""
        self._verifier: TokenVerifier | None = None
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        """Ensure a current key exists (one unit of work) and read every unretired key (the next one)."""
        rotation = timedelta(days=self.settings.office_signing_key_rotation_days)
        async with self.units() as uow:
            await ensure_keys(uow.signing_keys, rotation, self.clock())
        async with self.units() as uow:
            current = await uow.signing_keys.current()
        self._keys = {k.kid: Ed25519PrivateKey.from_private_bytes(k.private_key) for k in current}
        self._newest = current[-1].kid
        self._verifier = TokenVerifier(issuer=self.settings.jwt_issuer, audience=self.settings.jwt_audience,
                                       jwks=self.jwks())
        self._loaded_at = time.monotonic()

    async def _ready(self) -> None:
        if self._verifier is None:
            async with self._lock:
                if self._verifier is None:
                    await self.load()

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """The JWKS document: every unretired public key."""
        return jwks_document({kid: key.public_key() for kid, key in self._keys.items()})

    async def public_jwks(self) -> dict[str, list[dict[str, str]]]:
        """The JWKS document, loading the keys first if needed."""
        await self._ready()
        return self.jwks()

    async def issue(self, principal: Principal, ttl_s: int, extra_claims: dict[str, Any] | None = None) -> str:
        """A token for the principal signed with the newest key, valid ``ttl_s`` from the clock's now."""
        await self._ready()
        issuer = TokenIssuer(self._keys[self._newest], self._newest, self.settings.jwt_issuer,
                             ttl=timedelta(seconds=ttl_s), audience=self.settings.jwt_audience)
        return issuer.issue(principal, now=self.clock(), extra_claims=extra_claims)

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; reloads once when a rotated-in key is not known yet."""
        await self._ready()
        assert self._verifier is not None
        try:
            return await self._verifier.verify(token)
        except Unauthenticated as exc:
            if "unknown key" not in exc.reason or time.monotonic() - self._loaded_at < _RELOAD_INTERVAL_S:
                raise
        async with self._lock:
            await self.load()
        return await self._verifier.verify(token)
