"""Tools of the platform-edge attacks (issue 13 items 2, 7, 8): a raw chunked sender that stops when the server
answers, the resident memory of the process serving a port, and a portal login as a browser does it."""
from __future__ import annotations

import asyncio
import contextlib
import os
import re
import select
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from runtime.config import Settings

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"|name="csrf-token" content="([^"]+)"')
MiB = 1024 * 1024


def url(service: str) -> str:
    """The base URL of a running service of the stack (BF_URL_<NAME> or BF_PORT_<NAME>)."""
    return Settings(service="security").service_url(service)


@dataclass
class Sent:
    """What a chunked request achieved: the status the server answered and how much of the body it took."""

    status: int
    sent: int
    seconds: float


async def send_chunked(base: str, path: str, total: int, *, headers: dict[str, str] | None = None,
                       chunk: int = 256 * 1024, prefix: bytes = b"") -> Sent:
    """POST a chunked body of ``total`` bytes, stopping as soon as the server answers (or closes)."""
    return await asyncio.to_thread(_send_chunked, base, path, total, headers or {}, chunk, prefix)


def _send_chunked(base: str, path: str, total: int, headers: dict[str, str], chunk: int, prefix: bytes) -> Sent:
    # a plain socket polled for both directions: the answer is read as soon as it comes, before the server's
    # close resets the connection (an HTTP client that sends the whole body first never sees it)
    split = urlsplit(base)
    head = [f"POST {path} HTTP/1.1", f"Host: {split.netloc}", "Transfer-Encoding: chunked", "Connection: close",
            *[f"{k}: {v}" for k, v in headers.items()]]
    pending, sent, got, started = bytearray(("\r\n".join(head) + "\r\n\r\n").encode()), 0, b"", time.monotonic()
    with socket.create_connection((split.hostname, split.port), timeout=120) as sock:
        sock.setblocking(False)
        while b"\r\n" not in got:
            if not pending and sent <= total:
                piece = (prefix or b"a" * chunk) if sent == 0 else b"a" * chunk
                pending += b"%x\r\n%s\r\n" % (len(piece), piece) if sent < total else b"0\r\n\r\n"
                sent += len(piece) if sent < total else 1
            readable, writable, _ = select.select([sock], [sock] if pending else [], [], 120)
            if not readable and not writable:
                raise TimeoutError(f"no answer to POST {path} after 120 s")
            if readable:
                data = sock.recv(65536)
                if not data:
                    break
                got += data
            elif writable:
                try:
                    del pending[:sock.send(pending)]
                except OSError:  # the server stopped reading: its answer is waiting to be read
                    pending.clear()
                    sent = total + 1
    line = got.split(b"\r\n", 1)[0]
    status = int(line.split()[1]) if line.startswith(b"HTTP/") else 0
    return Sent(status=status, sent=min(sent, total), seconds=time.monotonic() - started)


def declare_length(base: str, path: str, length: int, headers: dict[str, str]) -> tuple[int, bytes]:
    """Announce a body of ``length`` bytes and send none: the status and body of the answer (before any byte)."""
    split = urlsplit(base)
    head = [f"POST {path} HTTP/1.1", f"Host: {split.netloc}", f"Content-Length: {length}", "Connection: close",
            *[f"{k}: {v}" for k, v in headers.items()]]
    with socket.create_connection((split.hostname, split.port), timeout=30) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        got = b""
        while data := sock.recv(65536):
            got += data
    status_line, _, rest = got.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def pid_serving(port: int, wait_s: float = 90) -> int:
    """The process listening on ``port`` of this machine (read from /proc, as ss does); waits while a service
    restarts (others' code changes restart services of the shared stack)."""
    deadline = time.monotonic() + wait_s
    while True:
        with contextlib.suppress(LookupError):
            return _pid_serving(port)
        if time.monotonic() > deadline:
            raise LookupError(f"no process listens on port {port}")
        time.sleep(1)


def _pid_serving(port: int) -> int:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}").removeprefix("socket:[").rstrip("]") in inodes:
                        return int(pid)
    raise LookupError(f"no process listens on port {port}")


def memory_mib(pid: int) -> tuple[float, float]:
    """(resident now, resident peak) of a process, in MiB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def csrf_of(page: str) -> str:
    found = CSRF.search(page)
    if found is None:
        raise AssertionError("no CSRF token on the page")
    return found.group(1) or found.group(2)


async def portal_session(browser: httpx.AsyncClient, slug: str, email: str, password: str) -> str:
    """Log in through the portal's form as a browser does; the session's CSRF token (from the page's meta)."""
    page = await browser.get(f"/login?office={slug}")
    answer = await browser.post("/login", data={"email": email, "password": password, "office": slug,
                                                "csrf_token": csrf_of(page.text)})
    assert answer.status_code == 200 and "/login" not in str(answer.url), f"portal login refused: {email}"
    return csrf_of((await browser.get("/")).text)
