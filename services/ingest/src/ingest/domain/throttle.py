"""A throttle on failed attempts per client (SMTP recipients probed, ING-2 / issue 13): pure, the clock is given."""
from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable


class FailureThrottle:
    """Counts failures per key in a sliding window; a key with ``limit`` failures in it is blocked until the oldest
    of them leaves the window. At most ``max_keys`` keys are remembered (the least recently failing go first)."""

    def __init__(self, limit: int, window_s: float, *, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window_s, self.max_keys, self.clock = limit, window_s, max_keys, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str) -> deque[float]:
        seen = self._failures.get(key, deque())
        horizon = self.clock() - self.window_s
        while seen and seen[0] <= horizon:
            seen.popleft()
        if not seen:
            self._failures.pop(key, None)
        return seen

    def blocked(self, key: str) -> bool:
        """Whether the key has reached the limit of failures within the window."""
        return len(self._recent(key)) >= self.limit

    def fail(self, key: str) -> None:
        """Record one failure of the key."""
        seen = self._recent(key)
        seen.append(self.clock())
        self._failures[key] = seen
        self._failures.move_to_end(key)
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)
