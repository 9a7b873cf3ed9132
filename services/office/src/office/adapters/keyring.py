"""The office's Ed25519 signing keys, kept in its database: the newest signs, every unretired key verifies.

Keys are generated on first start and rotated after ``office_signing_key_rotation_days``; a
rotated key keeps verifying (and stays in the JWKS) for another rotation period, far longer than
any token lives. Several office instances agree through an advisory lock and reload the keys
from the database when a token names a kid they do not know yet.
"""
from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from runtime.auth.principal import Principal
from runtime.auth.tokens import TokenIssuer, TokenVerifier, Unauthenticated, generate_signing_key, jwks_document

from office.config import OfficeSettings

_LOCK = 0x6F66_6B65_7973  # "ofkeys"
_RELOAD_INTERVAL_S = 5.0


async def ensure_keys(conn: asyncpg.Connection, rotation: timedelta, now: datetime) -> None:
    """Create the first signing key, or a new one when the newest is older than ``rotation``; retire stale ones."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK)
        newest = await conn.fetchval("SELECT max(created_at) FROM signing_keys WHERE retired_at IS NULL")
        if newest is None or newest < now - rotation:
            key = generate_signing_key()
            await conn.execute("INSERT INTO signing_keys (kid, private_key, created_at) VALUES ($1, $2, $3)",
                               uuid.uuid4().hex[:16], key.private_bytes_raw(), now)
        await conn.execute(
            "UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL AND created_at < $2 "
            "AND kid <> (SELECT kid FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1)",
            now, now - 2 * rotation)


class KeyRing:
    """Signs tokens with the newest key and verifies them against every published key."""

    def __init__(self, pool: asyncpg.Pool, settings: OfficeSettings, clock: Callable[[], datetime]) -> None:
        self.pool, self.settings, self.clock = pool, settings, clock
        self._keys: dict[str, Ed25519PrivateKey] = {}
        self._newest = ""
        self._verifier: TokenVerifier | None = None
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        """Ensure a current key exists and read every unretired key from the database."""
        async with self.pool.acquire() as conn:
            rotation = timedelta(days=self.settings.office_signing_key_rotation_days)
            await ensure_keys(conn, rotation, self.clock())
            rows = await conn.fetch(
                "SELECT kid, private_key FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at, kid")
        self._keys = {r["kid"]: Ed25519PrivateKey.from_private_bytes(bytes(r["private_key"])) for r in rows}
        self._newest = rows[-1]["kid"]
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
