"""A portal session: an opaque id in a cookie, the user's office tokens and a CSRF token in the portal DB."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any

# Refresh a little before the office says the access token expires, so a request never races it.
REFRESH_MARGIN = timedelta(seconds=30)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_session_id() -> str:
    """A fresh opaque session id (256 bits, URL-safe): only the cookie ever holds it."""
    return secrets.token_urlsafe(32)


def new_csrf_token() -> str:
    """A fresh per-session CSRF token, put in every form and the htmx header."""
    return secrets.token_urlsafe(32)


def hash_session_id(session_id: str) -> str:
    """The key a session is stored under: a leak of the table gives no usable cookie."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def csrf_matches(expected: str, given: str | None) -> bool:
    """True when the request carried the session's CSRF token (constant-time comparison)."""
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


@dataclass(frozen=True)
class Tokens:
    """The user's office tokens: a short-lived access token and the refresh token that renews it."""

    access: str
    refresh: str
    access_expires: datetime

    def stale(self, now: datetime | None = None) -> bool:
        """True when the access token has expired (or is about to): refresh before using it."""
        return (now or utcnow()) >= self.access_expires - REFRESH_MARGIN

    def __repr__(self) -> str:  # tokens never reach a log line through repr
        return f"Tokens(access=***, refresh=***, access_expires={self.access_expires.isoformat()})"


@dataclass(frozen=True)
class Session:
    """One logged-in browser: who the user is (the office's /me), their tokens, CSRF token and language."""

    id_hash: str
    csrf_token: str
    tokens: Tokens
    expires_at: datetime
    me: dict[str, Any] = field(default_factory=dict)
    language: str = "en"

    @classmethod
    def open(cls, session_id: str, tokens: Tokens, me: dict[str, Any], language: str, ttl: timedelta) -> "Session":
        """A new session for the id, valid for ``ttl``."""
        return cls(hash_session_id(session_id), new_csrf_token(), tokens, utcnow() + ttl, dict(me), language)

    def expired(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) >= self.expires_at

    def with_tokens(self, tokens: Tokens) -> "Session":
        return replace(self, tokens=tokens)

    def with_me(self, me: dict[str, Any], language: str | None = None) -> "Session":
        return replace(self, me=dict(me), language=language or self.language)
