"""Short-lived EdDSA (Ed25519) JWTs: issued by the office service, verified by every service.

Verification accepts only ``EdDSA`` and needs a known ``kid``: keys come from a JWKS document
or a JWKS URL (fetched with a timeout, cached, refreshed when an unknown kid shows up).
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt.algorithms import OKPAlgorithm

from runtime.auth.principal import Principal

log = logging.getLogger(__name__)
ALGORITHM = "EdDSA"
DEFAULT_AUDIENCE = "booking-factory"
_REQUIRED = ["exp", "iat", "iss", "aud", "sub"]


class Unauthenticated(Exception):
    """The request carries no valid token; ``reason`` says why (safe to show the caller)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeysUnavailable(Exception):
    """The signing keys could not be fetched, so no token can be checked (a server-side failure)."""


def generate_signing_key() -> Ed25519PrivateKey:
    """A new Ed25519 private key."""
    return Ed25519PrivateKey.generate()


def public_jwk(public_key: Ed25519PublicKey, kid: str) -> dict[str, str]:
    """The JWK of one Ed25519 public key."""
    return {**OKPAlgorithm.to_jwk(public_key, as_dict=True), "kid": kid, "use": "sig", "alg": ALGORITHM}


def jwks_document(public_keys: Mapping[str, Ed25519PublicKey]) -> dict[str, list[dict[str, str]]]:
    """The JWKS document (``{"keys": [...]}``) publishing public keys by kid."""
    return {"keys": [public_jwk(key, kid) for kid, key in public_keys.items()]}


def keys_from_jwks(document: Mapping[str, Any]) -> dict[str, Ed25519PublicKey]:
    """The Ed25519 signing keys of a JWKS document by kid; other keys are skipped."""
    keys = {}
    for jwk in document.get("keys", []):
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or not jwk.get("kid"):
            log.warning("JWKS key skipped: not an Ed25519 key with a kid")
            continue
        if jwk.get("use", "sig") != "sig" or jwk.get("alg", ALGORITHM) != ALGORITHM:
            continue
        key = OKPAlgorithm.from_jwk(json.dumps(jwk))
        if isinstance(key, Ed25519PublicKey):
            keys[jwk["kid"]] = key
    return keys


class TokenIssuer:
    """Signs JWTs for principals with one Ed25519 key (the office service; tests)."""

    def __init__(
        self, private_key: Ed25519PrivateKey, kid: str, issuer: str, ttl: timedelta = timedelta(minutes=15),
        audience: str = DEFAULT_AUDIENCE,
    ) -> None:
        self.private_key, self.kid, self.issuer, self.ttl, self.audience = private_key, kid, issuer, ttl, audience

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    def issue(
        self, principal: Principal, *, audience: str | None = None, now: datetime | None = None,
        extra_claims: Mapping[str, Any] | None = None,
    ) -> str:
        """A signed token for the principal, valid from now for the issuer's ttl.

        ``extra_claims`` (e.g. the user's name and language) are added but never override the
        principal's or the registered claims.
        """
        issued = now or datetime.now(timezone.utc)
        claims = {
            **(extra_claims or {}),
            **principal.to_claims(),
            "iss": self.issuer,
            "aud": audience or self.audience,
            "iat": int(issued.timestamp()),
            "nbf": int(issued.timestamp()),
            "exp": int((issued + self.ttl).timestamp()),
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM, headers={"kid": self.kid, "typ": "JWT"})

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """The JWKS document with this issuer's public key."""
        return jwks_document({self.kid: self.public_key})


class TokenVerifier:
    """Checks a bearer token (signature, exp, iss, aud) and returns its Principal.

    Keys come from ``jwks`` (a document) and/or ``jwks_url``. The URL is fetched lazily with a
    timeout, re-read after ``max_age_s``, and at most every ``min_refresh_interval_s`` when a
    token names an unknown kid (an attacker can invent kids; this bounds the fetches).
    """

    def __init__(
        self, *, issuer: str, audience: str = DEFAULT_AUDIENCE, jwks: Mapping[str, Any] | None = None,
        jwks_url: str | None = None, timeout_s: float = 5.0, leeway_s: float = 10.0, max_age_s: float = 600.0,
        min_refresh_interval_s: float = 5.0, transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if jwks is None and not jwks_url:
            raise ValueError("a TokenVerifier needs a JWKS document or a JWKS URL")
        self.issuer, self.audience, self.jwks_url = issuer, audience, jwks_url
        self._static = keys_from_jwks(jwks) if jwks is not None else {}
        self._fetched: dict[str, Ed25519PublicKey] = {}
        self._timeout, self._leeway, self._max_age = timeout_s, leeway_s, max_age_s
        self._min_interval, self._transport = min_refresh_interval_s, transport
        self._next_load = float("-inf")
        self._last_miss_refresh = float("-inf")
        self._lock = asyncio.Lock()
        self.fetches = 0


    @classmethod
    def from_settings(cls, settings: Any) -> "TokenVerifier":
        """The verifier of a service: the office as issuer, this platform's audience, keys from its JWKS URL."""
        return cls(issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks_url=settings.jwks_url)

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; Unauthenticated with the reason otherwise."""
        claims = await self.verify_claims(token)
        try:
            return Principal.from_claims(claims)
        except (KeyError, ValueError, TypeError) as exc:
            raise Unauthenticated(f"token does not describe a principal: {exc}") from exc

    async def verify_claims(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; Unauthenticated with the reason otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated("malformed token") from exc
        if header.get("alg") != ALGORITHM:
            raise Unauthenticated(f"token algorithm {header.get('alg')!r} is not accepted")
        key = await self._key(str(header.get("kid") or ""))
        try:
            return jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=self.audience, issuer=self.issuer,
                leeway=self._leeway, options={"require": _REQUIRED},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("token expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise Unauthenticated("token is for another audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise Unauthenticated("token from an unknown issuer") from exc
        except jwt.InvalidSignatureError as exc:
            raise Unauthenticated("token signature is invalid") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc

    async def _key(self, kid: str) -> Ed25519PublicKey:
        if not kid:
            raise Unauthenticated("token names no signing key (kid)")
        loaded_now = False
        if self.jwks_url and time.monotonic() >= self._next_load:
            await self._refresh(tolerate_failure=bool(self._fetched or self._static))
            loaded_now = True
        key = self._static.get(kid) or self._fetched.get(kid)
        if key is None and self.jwks_url and not loaded_now and self._may_refresh_for_miss():
            async with self._lock:
                if kid not in self._fetched:  # another task may have refreshed meanwhile
                    self._last_miss_refresh = time.monotonic()
                    await self._refresh(tolerate_failure=True)
            key = self._fetched.get(kid)
        if key is None and not (self._static or self._fetched):
            raise KeysUnavailable("no signing keys loaded")
        if key is None:
            raise Unauthenticated("token signed with an unknown key")
        return key

    def _may_refresh_for_miss(self) -> bool:
        return time.monotonic() - self._last_miss_refresh >= self._min_interval

    async def _refresh(self, tolerate_failure: bool) -> None:
        try:
            await self.refresh()
        except KeysUnavailable as exc:
            self._next_load = time.monotonic() + self._min_interval
            if not tolerate_failure:
                raise
            log.warning("JWKS refresh failed, keeping the cached keys: %s", exc)

    async def refresh(self) -> None:
        """Fetch the JWKS URL now and replace the fetched keys; KeysUnavailable on failure."""
        assert self.jwks_url
        self.fetches += 1
        try:
            async with httpx.AsyncClient(timeout=self._timeout, transport=self._transport) as client:
                response = await client.get(self.jwks_url, headers={"accept": "application/json"})
                response.raise_for_status()
                keys = keys_from_jwks(response.json())
        except (httpx.HTTPError, ValueError) as exc:
            raise KeysUnavailable(f"JWKS {self.jwks_url} unavailable: {exc}") from exc
        self._fetched, self._next_load = keys, time.monotonic() + self._max_age
