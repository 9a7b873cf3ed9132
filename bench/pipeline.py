"""`make bench-pipeline`: the whole pipeline measured from outside, as an office and an integrator meet it.

Offers documents at a set rate through ingest's public HTTP API (Peppol UBL from the shared standards' examples
made unique, born-digital PDFs and scans from the recognition generator), and reads the topics as an integrator
would (docs/examples/integrator_consumer.py: own consumer group, CloudEvents headers). Prints, per stage
(upload -> document.received -> document.recognized -> proposal.created), p50/p95/p99 from the upload, the
throughput, and the documents lost (no proposal after the drain) and duplicated (an event seen twice).

With --backlog N, first N documents are uploaded as fast as possible into one dossier ("big"), and the rated
load goes to another ("small"): the figures then say whether a dossier waits behind another's backlog.

The bench uses an office and dossiers of its own (office `bench`, dossiers BENCHBIG and BENCHSMALL; created on first
use), never the demo dossiers other tests read. Not a test: it prints figures. Needs `make up`.

    make bench-pipeline BENCH_ARGS="--rate 8 --seconds 60 --ubl 0.5 --pdf 0.5 --scan 0"
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "examples"))
from integrator_consumer import Received, consume  # noqa: E402  (the documented integrator, as it is)
sys.path.insert(0, str(ROOT / "bench"))
import cpu_per_document as cpu  # noqa: E402
from bench_documents import documents  # noqa: E402  (pdf, ubl: day.py and chaos.py import them there)

ADMIN = ("admin@bench.bookingfactory.example", "bench-admin-2026")  # of the bench's own office, seeded below
STAGES = ("document.received", "document.recognized", "proposal.created")


def service_url(name: str) -> str:
    key = name.upper().replace("-", "_")
    return os.environ.get(f"BF_URL_{key}") or f"http://127.0.0.1:{os.environ[f'BF_PORT_{key}']}"


# the platform
async def seed_office() -> None:
    """The bench office and its admin, in the office database as `make demo` seeds the demo office (idempotent)."""
    from office.config import OfficeSettings
    from office.handlers import provisioning
    from office.handlers.context import Deps
    from runtime.db import create_pool

    settings = OfficeSettings(service="office")
    pool = await create_pool(settings.dsn())
    try:
        deps = Deps.on(pool, settings)
        office = await provisioning.ensure_office(deps, slug="bench", name="Bench Accountants",
                                                  portal_name="Bench Accountants", language="en")
        await provisioning.ensure_account(deps, office, email=ADMIN[0], name="Bench Admin", role="ADMIN",
                                          language="en", password=ADMIN[1])
    finally:
        await pool.close()


class Office:
    """A user's bearer token for the services' APIs: the bench office's admin, or whom `credentials` name."""

    def __init__(self, http: httpx.AsyncClient, credentials: tuple[str, str] = ADMIN) -> None:
        self.http, self.token, self.credentials = http, "", credentials

    async def login(self) -> None:
        email, password = self.credentials
        answer = await self.http.post(f"{service_url('office')}/auth/login",
                                      json={"email": email, "password": password})
        if answer.status_code != 200:
            raise SystemExit(f"cannot log in as {email}: {answer.status_code} {answer.text[:200]}")
        self.token = answer.json()["access_token"]

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}

    async def dossier(self, code: str, name: str) -> str:
        """The bench dossier with this code, created when missing; waits until ingest knows it."""
        listing = await self.http.get(f"{service_url('office')}/dossiers", headers=self.auth)
        listing.raise_for_status()
        items = listing.json().get("items", listing.json().get("dossiers", []))
        found = [d["id"] for d in items if d.get("code") == code]
        if found:
            return found[0]
        made = await self.http.post(f"{service_url('office')}/dossiers", headers=self.auth,
                                    json={"name": name, "code": code, "language": "fr"})
        if made.status_code != 201:
            raise SystemExit(f"cannot create dossier {code}: {made.status_code} {made.text[:300]}")
        return made.json()["id"]


@dataclass
class Seen:
    """What the integrator saw of each document, by document id: arrival times per stage, and how often."""

    at: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    count: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    partition: dict[str, int] = field(default_factory=dict)  # document id -> its document.received partition

    async def handle(self, event: Received) -> None:
        document = event.payload.get("document_id")
        if document is None:
            return
        self.count[(event.event_type, document)] += 1
        self.at[document].setdefault(event.event_type, time.time())
        if event.event_type == "document.received":
            self.partition.setdefault(document, event.partition)


@dataclass
class Offered:
    dossier: str
    group: str
    sent_at: float
    document_id: str | None = None
    status: int = 0


async def upload(http: httpx.AsyncClient, office: Office, offered: Offered, doc: tuple[str, bytes, str], *,
                 tries: int = 5) -> None:
    """Upload then send (ING-9: out of the mailbox, to the accountant, as auto-transmission does for a whitelisted
    sender). A passing outage — 503 + Retry-After, a 5xx, or no answer at all — is waited out and the step offered
    again, as the portal's uploader does, up to `tries` times; any other refusal ends it (status kept)."""
    base = f"{service_url('ingest')}/dossiers/{offered.dossier}"
    for attempt in range(tries):
        try:
            if offered.document_id is None:
                answer = await http.post(f"{base}/mailboxes/purchases/documents", headers=office.auth,
                                         files=[("files", doc)])
                offered.status = answer.status_code
                if answer.status_code == 201 and answer.json()["documents"]:
                    offered.document_id = answer.json()["documents"][0]["id"]
            if offered.document_id is not None:
                answer = await http.post(f"{base}/send", headers=office.auth,
                                         json={"document_ids": [offered.document_id]})
                offered.status = answer.status_code
                if answer.status_code == 200:
                    return
            if answer.status_code == 401:
                await office.login()
            elif answer.status_code < 500:
                break
            wait = float(answer.headers.get("retry-after", "0") or 0) or min(1 + attempt, 10)
        except httpx.HTTPError:  # the service or what it depends on is down
            wait = min(1 + attempt, 10)
        await asyncio.sleep(wait)
    offered.document_id = None  # not sent: not accepted


async def offer(http, office, dossier: str, group: str, docs, rate: float, into: list[Offered]) -> None:
    """Start one upload every 1/rate seconds (not waiting for the previous one), then wait for all."""
    tasks, started = [], time.monotonic()
    for n, doc in enumerate(docs):
        delay = started + n / rate - time.monotonic() if rate > 0 else 0
        if delay > 0:
            await asyncio.sleep(delay)
        offered = Offered(dossier, group, time.time())
        into.append(offered)
        tasks.append(asyncio.create_task(upload(http, office, offered, doc)))
    await asyncio.gather(*tasks)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def report(title: str, offered: list[Offered], seen: Seen, window_s: float) -> list[str]:
    accepted = [o for o in offered if o.document_id]
    lines = [f"{title}: offered {len(offered)}, accepted {len(accepted)} "
             f"(refused: {sum(1 for o in offered if not o.document_id)})"]
    lines.append(f"  {'stage (from upload)':<24} {'n':>5} {'p50 s':>8} {'p95 s':>8} {'p99 s':>8}")
    for stage in STAGES:
        waits = [seen.at[o.document_id][stage] - o.sent_at for o in accepted if stage in seen.at[o.document_id]]
        lines.append(f"  {stage:<24} {len(waits):>5} {percentile(waits, 50):>8.2f} {percentile(waits, 95):>8.2f} "
                     f"{percentile(waits, 99):>8.2f}")
    done = [seen.at[o.document_id]["proposal.created"] for o in accepted if "proposal.created" in seen.at[o.document_id]]
    lost = len(accepted) - len(done)
    ids = {o.document_id for o in accepted}
    duplicated = sum(1 for (kind, doc), n in seen.count.items() if doc in ids and n > 1)
    span = (max(done) - min(o.sent_at for o in accepted)) if done else float("nan")
    lines.append(f"  throughput {len(done) / span if done else 0:.2f} proposals/s over {span:.1f} s "
                 f"(offered over {window_s:.1f} s); lost {lost}; duplicated {duplicated}")
    return lines


async def run(args) -> None:
    mix = {"ubl": args.ubl, "pdf": args.pdf, "scan": args.scan}
    print(f"generating {args.backlog} backlog + {int(args.rate * args.seconds)} offered documents ...", flush=True)
    backlog_docs = documents(args.backlog, mix)
    rated_docs = documents(int(args.rate * args.seconds), mix)
    seen, stop, ready = Seen(), asyncio.Event(), asyncio.Event()
    bootstrap = os.environ.get("BF_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
    reader = asyncio.create_task(consume(bootstrap, f"bench-pipeline-{uuid.uuid4().hex[:8]}", list(STAGES),
                                         seen.handle, stop=stop, ready=ready))
    await asyncio.wait_for(ready.wait(), 60)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        try:
            await seed_office()
        except Exception as exc:  # noqa: BLE001 - office's code changing under us: the office of an earlier run may do
            print(f"could not seed the bench office ({type(exc).__name__}: {exc}); logging in to the existing one")
        office = Office(http)
        await office.login()
        small = await office.dossier("BENCHSMALL", "Bench small dossier")
        big = await office.dossier("BENCHBIG", "Bench big dossier") if args.backlog else None
        await asyncio.sleep(2)  # the dossier.changed of a new dossier reaches ingest's replica
        offered_big: list[Offered] = []
        offered_small: list[Offered] = []
        idle = await asyncio.to_thread(cpu.idle_rates, args.idle) if args.idle > 0 else None
        cpu_before, started = cpu.snapshot(), time.monotonic()
        if big:
            await offer(http, office, big, "backlog", backlog_docs, 0, offered_big)
            print(f"backlog of {len(offered_big)} uploaded into one dossier in {time.monotonic() - started:.1f} s",
                  flush=True)
        rated_started = time.monotonic()
        await offer(http, office, small, "rated", rated_docs, args.rate, offered_small)
        window = time.monotonic() - rated_started
        deadline = time.monotonic() + args.drain
        everything = offered_big + offered_small
        while time.monotonic() < deadline:
            missing = [o for o in everything if o.document_id and "proposal.created" not in seen.at[o.document_id]]
            if not missing:
                break
            await asyncio.sleep(1)
        cpu_after, cpu_seconds = cpu.snapshot(), time.monotonic() - started
        await asyncio.sleep(3)  # late duplicates
    stop.set()
    await reader
    load = os.getloadavg()
    print(f"\nbench-pipeline: rate {args.rate}/s for {args.seconds} s, mix {mix}, backlog {args.backlog}; "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    print("\n".join(report("rated load" + (" (the small dossier, behind the backlog)" if big else ""),
                           offered_small, seen, window)))
    if big:
        print("\n".join(report("backlog (the big dossier)", offered_big, seen, window)))
    accepted = sum(1 for o in offered_big + offered_small if o.document_id)
    print("\n".join(cpu.report(cpu_before, cpu_after, accepted, cpu_seconds, idle)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=8.0, help="documents offered per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the rate is offered")
    parser.add_argument("--ubl", type=float, default=0.5, help="share of Peppol UBL")
    parser.add_argument("--pdf", type=float, default=0.5, help="share of born-digital PDFs")
    parser.add_argument("--scan", type=float, default=0.0, help="share of scans")
    parser.add_argument("--backlog", type=int, default=0, help="documents uploaded first into one other dossier")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measured first (0: none)")
    parser.add_argument("--drain", type=float, default=180.0, help="seconds to wait for the last proposals")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
