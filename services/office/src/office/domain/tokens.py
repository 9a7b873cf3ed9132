"""Refresh tokens as the office keeps them (their hashes): rotation families, reuse detection."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ANY_CLIENT = "*"  # the login-attempts row of an e-mail across every client address


@dataclass(frozen=True)
class UsedRefreshToken:
    """A refresh token presented for rotation: whose it is, its family, until when, and when it had already been
    used or revoked (None: it was fresh and is used up now)."""

    user_id: str
    family_id: str
    expires_at: datetime
    was_used: datetime | None
