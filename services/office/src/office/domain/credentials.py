"""Passwords (argon2id) and random secrets (refresh tokens, link tokens, API keys), stored only as hashes."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from office.domain.errors import InvalidInput

_HASHER = PasswordHasher(type=Type.ID)  # argon2id with the library's (RFC 9106 low-memory) parameters
# verified when the e-mail is unknown, so a missing account costs the same time as a wrong password
_DUMMY_HASH = _HASHER.hash("not-a-real-password-" + secrets.token_hex(8))
API_KEY_PREFIX = "bfk"


def hash_password(password: str) -> str:
    """The argon2id hash of a password (with its own salt and parameters)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> tuple[bool, bool]:
    """(matches, needs_rehash); a missing hash never matches but takes the same time."""
    try:
        _HASHER.verify(stored_hash or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    if stored_hash is None:
        return False, False
    return True, _HASHER.check_needs_rehash(stored_hash)


def check_password_policy(password: str, min_length: int, field: str = "password") -> None:
    """Refuse a password that is too short or too long (InvalidInput naming the field)."""
    if len(password) < min_length:
        raise InvalidInput(field, f"must have at least {min_length} characters", "too_short")
    if len(password) > 256:
        raise InvalidInput(field, "must have at most 256 characters", "too_long")


def new_secret() -> str:
    """A random URL-safe secret of 256 bits (refresh and link tokens)."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> bytes:
    """The SHA-256 of a high-entropy secret: what the database keeps instead of the secret."""
    return hashlib.sha256(secret.encode()).digest()


def new_api_key() -> tuple[str, str]:
    """(prefix, key) of a new API key: ``bfk_<prefix>_<secret>``; the prefix identifies it in lists."""
    prefix = secrets.token_hex(4)
    return prefix, f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def same(a: bytes, b: bytes) -> bool:
    """Constant-time comparison of two digests."""
    return hmac.compare_digest(a, b)
