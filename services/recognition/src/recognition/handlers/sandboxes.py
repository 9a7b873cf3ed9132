"""A bounded pool of sandbox children, sized to the cores: several documents read at once, each in its own child.

The worker overlaps the I/O around reading (object store, database, Kafka) over several documents; the reading
itself is CPU work, so more children than cores would only queue inside the kernel. A job takes a free child
(waiting for one when all are busy) and gives it back; each child keeps its warm schemas and restarts on its own
when it breaks (recognition.sandbox.Sandbox).
"""
from __future__ import annotations

import os
import queue

from recognition.extractors.base import Context
from recognition.sandbox import Sandbox, SandboxLimits


def default_size() -> int:
    """One child per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class SandboxPool:
    """`size` sandboxes behind the interface of one: run(kind, data, ctx) from worker threads, close()."""

    def __init__(self, limits: SandboxLimits | None = None, size: int = 0) -> None:
        self.limits = limits or SandboxLimits()
        self.size = size or default_size()
        self._boxes = [Sandbox(self.limits) for _ in range(self.size)]
        self._free: queue.SimpleQueue[Sandbox] = queue.SimpleQueue()
        for box in self._boxes:
            self._free.put(box)

    def run(self, kind: str, data: bytes, ctx: Context):
        """The job's result from the next free child; blocks the calling thread while every child is busy."""
        box = self._free.get()
        try:
            return box.run(kind, data, ctx)
        finally:
            self._free.put(box)

    def close(self) -> None:
        for box in self._boxes:
            box.close()
