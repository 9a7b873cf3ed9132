"""A child process that reads documents under a memory limit and a time limit, restarted when it breaks.

Hostile or huge files must never crash or stall a worker: the reading runs in a long-lived child
(so compiled schemas and schematron stay warm between documents) with RLIMIT_DATA as memory cap
(RLIMIT_AS would also count the address space Saxon's runtime reserves). The parent waits at most
`timeout_s` for an answer; on timeout or death it kills the child, starts a fresh one, and
answers technical_error with the reason.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from recognition.domain.model import Outcome
from recognition.extractors.base import Context

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SandboxLimits:
    """Memory (MiB) and wall-clock time (s) one document may use."""

    memory_mb: int = 2048
    timeout_s: float = 180.0


def _child(conn, memory_mb: int) -> None:
    import resource
    os.environ["OMP_THREAD_LIMIT"] = "1"
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    from recognition.jobs import run_job
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            result = run_job(*job)
        except MemoryError:
            result = Outcome("technical_error", error=f"memory limit of {memory_mb} MiB exceeded",
                             error_code="memory_limit")
        except Exception as exc:  # the child answers every job; the parent stays up
            result = Outcome("technical_error", error=f"internal error: {type(exc).__name__}: {exc}",
                             error_code="crashed")
        conn.send(result)


class Sandbox:
    """Runs jobs ('extract' or 'validate') in the child; one job at a time."""

    def __init__(self, limits: SandboxLimits | None = None) -> None:
        self.limits = limits or SandboxLimits()
        self._ctx = mp.get_context("spawn")
        self._proc = None
        self._conn = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_child, args=(child, self.limits.memory_mb), daemon=True,
                                       name="recognition-sandbox")
        self._proc.start()
        child.close()
        self._conn = parent

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def run(self, kind: str, data: bytes, ctx: Context):
        """The job's result, or an Outcome with technical_error when the child timed out or died."""
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._kill()
                self._start()
            try:
                self._conn.send((kind, data, ctx))
                if self._conn.poll(self.limits.timeout_s):
                    return self._conn.recv()
                reason, code = f"time limit of {self.limits.timeout_s:g} s exceeded", "timeout"
            except (EOFError, OSError, BrokenPipeError):
                reason = f"reading process died (exit code {self._proc.exitcode if self._proc else None}; " \
                         f"memory limit of {self.limits.memory_mb} MiB?)"
                code = "crashed"
            log.warning("sandbox: %s; restarting it", reason)
            self._kill()
            return Outcome("technical_error", error=reason, error_code=code)

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the current child has used so far, with the processes it ran and waited for
        (tesseract); 0 without a child. Linux /proc."""
        proc = self._proc
        if proc is None or proc.pid is None:
            return 0.0
        try:
            fields = Path(f"/proc/{proc.pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime

    def close(self) -> None:
        with self._lock:
            self._kill()
