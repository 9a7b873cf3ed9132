"""When a mail that could not be delivered is tried again: exponential, capped, a bounded number of times."""
from __future__ import annotations

from datetime import timedelta

MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=2)


def retry_delay(attempts: int, first: timedelta = FIRST_DELAY, cap: timedelta = MAX_DELAY) -> timedelta:
    """The wait after the `attempts`-th failed attempt: first, 2×first, 4×first… never more than `cap`."""
    if attempts < 1:
        raise ValueError("attempts start at 1")
    return min(first * 2 ** (attempts - 1), cap)


def gives_up(attempts: int, max_attempts: int = MAX_ATTEMPTS) -> bool:
    """True once `attempts` failed attempts are all a mail gets."""
    return attempts >= max_attempts
