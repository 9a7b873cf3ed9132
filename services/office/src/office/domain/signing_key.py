"""A signing key of the office's tokens (Ed25519): the newest current key signs, every current one verifies."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SigningKey:
    """One Ed25519 signing key: its key id (the tokens' ``kid``), the raw private key and when it was made."""

    kid: str
    private_key: bytes
    created_at: datetime
