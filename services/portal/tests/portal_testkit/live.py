"""The real office, ingest, worklist, notify and portal as subprocesses on free ports, each on a throw-away database,
the office seeded with its demo seed: what the browser tests drive. Ingest and the worklist have their own
consumer groups (BF_CONSUMER_GROUP) and ingest its own SMTP port, so they never share work with the running
stack's services; ingest reads proposal.created and booking.recorded from the test's topics (a sent document's
timeline). The worklist runs on the test's own topics for what it is fed and what it publishes
(``WORKLIST_TOPICS``, through ``topic_runner``): proposals come from the test, validated ones go back to it.
notify reads the worklist's notification.requested from the same test topic (its own consumer group and database;
its SMTP port has no server, so its mails stay queued). payments (own database and consumer group) reads the
office's dossier.changed and the test's proposal.created / ledger.synced, and publishes payment.approved on the
test's own topic."""
from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from runtime.config import Settings
from runtime.db import drop_database

START_TIMEOUT_S = 60.0
TESTKIT = Path(__file__).resolve().parents[1]
# contract topics the e2e worklist reads or writes on the test's own copies
WORKLIST_TOPICS = ("proposal.created", "ledger.synced", "booking.recorded", "proposal.validated",
                   "proposal.withdrawn", "notification.requested", "document.recognized", "document.reprocess_requested")
# what the e2e ingest follows on the test's topics: a sent document's way to the books (issue 15 item 5)
INGEST_TOPICS = ("proposal.created", "booking.recorded")
PAYMENTS_TOPICS = ("proposal.created", "proposal.validated", "ledger.synced", "payment.approved")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Service:
    """A service process started for a test session, with its address and log file."""

    name: str
    url: str
    process: subprocess.Popen
    log: Path

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _start(name: str, module: str, env: dict[str, str], port: int, logs: Path, args: tuple[str, ...] = ()) -> Service:
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", module, *args], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    service = Service(name, f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{service.tail()}")
        try:
            if httpx.get(f"{service.url}/healthz", timeout=1.0).status_code == 200:
                return service
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    service.stop()
    raise RuntimeError(f"{name} not healthy within {START_TIMEOUT_S}s:\n{service.tail()}")


@dataclass
class Platform:
    """The office, ingest and portal running together; the databases are theirs alone."""

    office: Service
    portal: Service
    office_db: str
    portal_db: str
    ingest: Service | None = None
    ingest_db: str = ""
    worklist: Service | None = None
    worklist_db: str = ""
    topics: dict[str, str] | None = None  # contract topic -> the test's topic (worklist)
    notify: Service | None = None
    notify_db: str = ""
    payments: Service | None = None
    payments_db: str = ""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BF_URL_", "BF_HTTP_PORT", "BF_PG_DATABASE"))}
    env.update(PYTHONUNBUFFERED="1", **extra)
    return env


@contextmanager
def running_platform() -> Iterator[Platform]:
    """Start office (seeded with the demo), ingest and portal; stop them and drop their databases afterwards."""
    suffix = uuid.uuid4().hex[:10]
    office_db, portal_db, ingest_db, worklist_db, notify_db, payments_db = (
        f"test_e2e_{name}_{suffix}" for name in ("office", "portal", "ingest", "worklist", "notify", "payments"))
    office_port, portal_port, ingest_port, worklist_port = free_port(), free_port(), free_port(), free_port()
    notify_port, payments_port = free_port(), free_port()
    topics = {name: f"test.e2e.{name}.{suffix}" for name in (*WORKLIST_TOPICS, "payment.approved")}
    logs = Path(tempfile.mkdtemp(prefix="bf-portal-e2e-"))
    office_env = _env(BF_SERVICE="office", BF_HTTP_PORT=str(office_port), BF_PG_DATABASE=office_db,
                      BF_PORT_PORTAL=str(portal_port), BF_PORT_OFFICE=str(office_port))
    portal_env = _env(BF_SERVICE="portal", BF_HTTP_PORT=str(portal_port), BF_PG_DATABASE=portal_db,
                      BF_URL_OFFICE=f"http://127.0.0.1:{office_port}", BF_OFFICE_SLUG="demo",
                      BF_URL_INGEST=f"http://127.0.0.1:{ingest_port}", BF_URL_WORKLIST=f"http://127.0.0.1:{worklist_port}",
                      BF_URL_NOTIFY=f"http://127.0.0.1:{notify_port}",
                      BF_URL_PAYMENTS=f"http://127.0.0.1:{payments_port}")
    ingest_env = _env(BF_SERVICE="ingest", BF_HTTP_PORT=str(ingest_port), BF_PG_DATABASE=ingest_db,
                      BF_URL_OFFICE=f"http://127.0.0.1:{office_port}", BF_CONSUMER_GROUP=f"bf-ingest-e2e-{suffix}",
                      BF_INGEST_SMTP_PORT=str(free_port()),
                      BF_E2E_TOPICS=",".join(f"{k}={topics[k]}" for k in INGEST_TOPICS))
    worklist_env = _env(BF_SERVICE="worklist", BF_HTTP_PORT=str(worklist_port), BF_PG_DATABASE=worklist_db,
                        BF_URL_OFFICE=f"http://127.0.0.1:{office_port}", BF_CONSUMER_GROUP=f"bf-worklist-e2e-{suffix}",
                        BF_E2E_TOPICS=",".join(f"{k}={v}" for k, v in topics.items()),
                        PYTHONPATH=os.pathsep.join([str(TESTKIT), os.environ.get("PYTHONPATH", "")]))
    notify_env = _env(BF_SERVICE="notify", BF_HTTP_PORT=str(notify_port), BF_PG_DATABASE=notify_db,
                      BF_URL_OFFICE=f"http://127.0.0.1:{office_port}", BF_CONSUMER_GROUP=f"bf-notify-e2e-{suffix}",
                      BF_E2E_TOPICS=f"notification.requested={topics['notification.requested']}",
                      BF_NOTIFY_SMTP_PORT=str(free_port()), BF_NOTIFY_PORTAL_URL=f"http://127.0.0.1:{portal_port}",
                      PYTHONPATH=worklist_env["PYTHONPATH"])
    payments_env = _env(BF_SERVICE="payments", BF_HTTP_PORT=str(payments_port), BF_PG_DATABASE=payments_db,
                        BF_URL_OFFICE=f"http://127.0.0.1:{office_port}", BF_CONSUMER_GROUP=f"bf-payments-e2e-{suffix}",
                        PYTHONPATH=worklist_env["PYTHONPATH"],
                        BF_E2E_TOPICS=",".join(f"{k}={topics[k]}" for k in PAYMENTS_TOPICS))
    started: list[Service] = []
    asyncio.run(_create_topics(list(topics.values())))
    try:
        seed = subprocess.run([sys.executable, "-m", "office_bench.demo"], env=office_env, capture_output=True,
                              text=True, timeout=120)
        if seed.returncode != 0:
            raise RuntimeError(f"demo seed failed:\n{seed.stdout}\n{seed.stderr}")
        started.append(_start("office", "office", office_env, office_port, logs))
        started.append(_start("ingest", "portal_testkit.topic_runner", {**ingest_env, "PYTHONPATH": worklist_env[
            "PYTHONPATH"]}, ingest_port, logs, args=("ingest",)))
        started.append(_start("worklist", "portal_testkit.topic_runner", worklist_env, worklist_port, logs,
                              args=("worklist",)))
        started.append(_start("notify", "portal_testkit.topic_runner", notify_env, notify_port, logs,
                              args=("notify",)))
        started.append(_start("portal", "portal", portal_env, portal_port, logs))
        started.append(_start("payments", "portal_testkit.topic_runner", payments_env, payments_port, logs,
                              args=("payments",)))
        yield Platform(started[0], started[4], office_db, portal_db, started[1], ingest_db, started[2], worklist_db,
                       topics, started[3], notify_db, started[5], payments_db)
    finally:
        for service in reversed(started):
            service.stop()
        asyncio.run(_drop(office_db, portal_db, ingest_db, worklist_db, notify_db, payments_db))
        asyncio.run(_delete_topics(list(topics.values())))


async def _drop(*names: str) -> None:
    admin = Settings(service="portal-e2e").dsn("postgres")
    for name in names:
        await drop_database(admin, name)


async def _create_topics(names: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=Settings(service="portal-e2e").kafka_bootstrap,
                                request_timeout_ms=30_000)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(n, 3, 1) for n in names + [f"{n}.dlq" for n in names]])
    finally:
        await admin.close()


async def _delete_topics(names: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=Settings(service="portal-e2e").kafka_bootstrap,
                                request_timeout_ms=30_000)
    await admin.start()
    try:
        with contextlib.suppress(Exception):
            await admin.delete_topics(names + [f"{n}.dlq" for n in names])
    finally:
        await admin.close()
