"""Start and SIGKILL the skeleton services as real processes."""
from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKELETON = ROOT / "tests" / "skeleton"


async def spawn(script: str, *args: str) -> asyncio.subprocess.Process:
    """Run tests/skeleton/<script> with the test's environment; its output goes to the test log."""
    return await asyncio.create_subprocess_exec(
        sys.executable, str(SKELETON / script), *args, cwd=ROOT, env=dict(os.environ),
    )


async def kill9(proc: asyncio.subprocess.Process) -> None:
    """SIGKILL: no cleanup, no commit, no goodbye."""
    if proc.returncode is None:
        proc.send_signal(signal.SIGKILL)
    await proc.wait()


async def terminate(proc: asyncio.subprocess.Process, timeout: float = 20.0) -> None:
    if proc.returncode is None:
        proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), timeout)
        except asyncio.TimeoutError:
            await kill9(proc)


async def spawn_file(path: Path, *args: str, env: dict[str, str] | None = None,
                     stdout: int | None = None) -> asyncio.subprocess.Process:
    """Run the Python script at `path` with the test's environment plus `env`; `stdout` e.g. PIPE to read it."""
    return await asyncio.create_subprocess_exec(
        sys.executable, str(path), *args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=stdout,
    )
