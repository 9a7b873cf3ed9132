"""Login lock-out: after repeated failures an account is locked for a time that doubles each failure."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LockoutPolicy:
    """``threshold`` failures in a row lock the account for ``base_s``, doubling per further failure up to ``max_s``."""

    threshold: int = 5
    base_s: int = 30
    max_s: int = 900

    def lock_seconds(self, failures: int) -> int:
        """How long the account is locked after this many consecutive failures (0: not locked)."""
        if failures < self.threshold:
            return 0
        return min(self.base_s * 2 ** min(failures - self.threshold, 20), self.max_s)
