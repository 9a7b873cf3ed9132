"""`make bench-day`: a working day of a 50-dossier office replayed on the running stack (issue 18).

The day (08:00-18:00) is compressed into --minutes of wall time. Documents arrive in the shares of an office's day —
a steady trickle with a burst when the clients start work (09:00) and another after lunch (14:00) — spread over
--dossiers dossiers of the bench's own office (BENCHD01.., created on first use), a fifth of them scans by default.
Each arrival is an upload through ingest's public API then a send (pipeline.py's `upload`); an integrator's consumer
reads the topics (docs/examples/integrator_consumer.py). Prints the wall time until the last proposal, the peak
recognition lag (Kafka: the group's committed offsets against the topic's end) and the peak number of documents
in the pipeline, per-stage p50/p95/p99, lost and duplicated, and the p95 of the slowest dossier.

Not a test: it prints figures. Needs `make up`. The full day (5,000 documents) takes about as long as the stack
needs to read them (on 2 shared cores, about 2-3 proposals/s): scale it down with --documents.

    make bench-day BENCH_ARGS="--documents 600 --minutes 5"
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpu_per_document as cpu  # noqa: E402
from bench_documents import pdf, ubl  # noqa: E402
from pipeline import STAGES, Office, Offered, Seen, consume, percentile, report, seed_office, upload  # noqa: E402

DAY_START, DAY_END = 8, 18
# relative arrivals per hour of the day: the 09:00 and 14:00 bursts
HOURLY = {8: 1.0, 9: 3.0, 10: 1.5, 11: 1.2, 12: 0.6, 13: 0.8, 14: 2.5, 15: 1.4, 16: 1.0, 17: 0.7}
RECOGNITION_GROUP, RECEIVED = "bf-recognition", "document.received"


def arrivals(count: int, seed: int = 7) -> list[float]:
    """`count` arrival moments in day-seconds after 08:00, drawn from HOURLY (uniform within an hour), sorted."""
    rng = random.Random(seed)
    hours, weights = list(HOURLY), list(HOURLY.values())
    return sorted((rng.choices(hours, weights)[0] - DAY_START + rng.random()) * 3600 for _ in range(count))


def _scan(n: int) -> tuple[str, bytes, str]:
    return pdf(n, scanned=True)


def scan_pool(size: int) -> list[tuple[str, bytes, str]]:
    """`size` different scans, made before the clock starts on every core (one costs about 0.5 s of CPU: made
    during the day, they would take the cores the OCR is measured on)."""
    if size <= 0:
        return []
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(_scan, range(size)))


def document(n: int, scan_share: float, ubl_share: float, rng: random.Random,
             scans: list[tuple[str, bytes, str]]) -> tuple[str, bytes, str]:
    """The n-th document of the day. A scan comes from the pool, made a file of its own by a PDF comment after its
    end (its own hash: ingest and recognition see a new file; the same invoice read again)."""
    roll = rng.random()
    if roll < scan_share and scans:
        name, content, kind = scans[n % len(scans)]
        return f"day-{n}-{name}", content + f"\n%bench-day {uuid.uuid4().hex}\n".encode(), kind
    return ubl(n) if roll < scan_share + ubl_share else pdf(n)


async def recognition_instances(bootstrap: str) -> dict[str, set[int]]:
    """Recognition's group members now (member id -> its document.received partitions)."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.protocol.group import MemberAssignment

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        answer = (await admin.describe_consumer_groups([RECOGNITION_GROUP]))[0].to_object()
    finally:
        await admin.close()
    members = {}
    for group in answer["groups"]:
        for member in group["members"]:
            raw = member["member_assignment"]
            assigned = MemberAssignment.decode(raw).assignment if raw else []
            members[member["member_id"]] = {p for topic, parts in assigned if topic == RECEIVED for p in parts}
    return members


def split_line(members: dict[str, set[int]], offered: list[Offered], seen) -> str:
    """How the accepted documents fell to recognition's instances (by their document.received partition and the
    group's assignment at the end of the day): the busiest instance sets the pace of the others."""
    counts = [sum(1 for o in offered if o.document_id and seen.partition.get(o.document_id) in parts)
              for parts in members.values()]
    return (f"  recognition instances {len(members)}: documents per instance (by partition) "
            f"{' / '.join(str(c) for c in sorted(counts, reverse=True))}")


async def recognition_lag(bootstrap: str) -> int:
    """Records of document.received not yet committed by recognition's group, over all partitions."""
    from aiokafka import AIOKafkaConsumer
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await admin.start()
    await probe.start()
    try:
        committed = await admin.list_consumer_group_offsets(RECOGNITION_GROUP)
        mine = {tp: meta.offset for tp, meta in committed.items() if tp.topic == RECEIVED}
        if not mine:
            return 0
        ends = await probe.end_offsets(list(mine))
        return sum(max(0, ends[tp] - max(offset, 0)) for tp, offset in mine.items())
    finally:
        await probe.stop()
        await admin.close()


async def watch_lag(bootstrap: str, stop: asyncio.Event, peaks: dict[str, int], in_flight) -> None:
    while not stop.is_set():
        try:
            peaks["lag"] = max(peaks["lag"], await recognition_lag(bootstrap))
        except Exception as exc:  # a bench keeps measuring what it can
            peaks["lag_error"] = str(exc)[:120]
        peaks["in_flight"] = max(peaks["in_flight"], in_flight())
        try:
            await asyncio.wait_for(stop.wait(), 5)
        except asyncio.TimeoutError:
            pass


async def run(args) -> None:
    bootstrap = os.environ.get("BF_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
    expected_scans = round(args.documents * args.scan)
    size = min(expected_scans, args.scan_pool) if args.scan > 0 else 0
    print(f"making {size} different scans (about {expected_scans} in the day) ...", flush=True)
    scans = scan_pool(size)
    seen, stop, ready = Seen(), asyncio.Event(), asyncio.Event()
    reader = asyncio.create_task(consume(bootstrap, f"bench-day-{uuid.uuid4().hex[:8]}", list(STAGES), seen.handle,
                                         stop=stop, ready=ready))
    await asyncio.wait_for(ready.wait(), 60)
    scale = args.minutes * 60 / ((DAY_END - DAY_START) * 3600)
    moments = [t * scale for t in arrivals(args.documents)]
    offered: list[Offered] = []

    def in_flight() -> int:
        return sum(1 for o in offered if o.document_id and "proposal.created" not in seen.at[o.document_id])

    peaks = {"lag": 0, "in_flight": 0}
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=64)) as http:
        await seed_office()
        office = Office(http)
        await office.login()
        dossiers = [await office.dossier(f"BENCHD{n:02d}", f"Bench day dossier {n:02d}")
                    for n in range(1, args.dossiers + 1)]
        await asyncio.sleep(2)  # the new dossiers' dossier.changed reach ingest's replica
        watcher = asyncio.create_task(watch_lag(bootstrap, stop, peaks, in_flight))
        rng, tasks = random.Random(11), []
        cpu_before, ticks, started = cpu.snapshot(), cpu.machine_ticks(), time.monotonic()
        for n, moment in enumerate(moments):
            doc = await asyncio.to_thread(document, n, args.scan, args.ubl, rng, scans)
            delay = started + moment - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            item = Offered(rng.choice(dossiers), "day", time.time())
            offered.append(item)
            tasks.append(asyncio.create_task(upload(http, office, item, doc)))
        await asyncio.gather(*tasks)
        window = time.monotonic() - started
        deadline = time.monotonic() + args.drain
        while in_flight() and time.monotonic() < deadline:
            await asyncio.sleep(1)
        cpu_after, wall = cpu.snapshot(), time.monotonic() - started
        busy = cpu.busy_share(ticks, cpu.machine_ticks())
        await asyncio.sleep(3)  # late duplicates
    members = await recognition_instances(bootstrap)
    stop.set()
    await asyncio.gather(reader, watcher)
    load = os.getloadavg()
    print(f"\nbench-day: {args.documents} documents over {args.dossiers} dossiers, {args.scan:.0%} scans, "
          f"{args.ubl:.0%} UBL; the day (08:00-18:00, bursts at 09:00 and 14:00) in {args.minutes} min; "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    print(f"  wall time until the last proposal {wall:.0f} s (offered over {window:.0f} s); peak recognition lag "
          f"{peaks['lag']} records; peak documents in the pipeline {peaks['in_flight']}"
          + (f" (lag not read: {peaks['lag_error']})" if "lag_error" in peaks else ""))
    print("\n".join(report("the day", offered, seen, window)))
    print(split_line(members, offered, seen))
    per_dossier: dict[str, list[float]] = {}
    for o in offered:
        if o.document_id and "proposal.created" in seen.at[o.document_id]:
            per_dossier.setdefault(o.dossier, []).append(seen.at[o.document_id]["proposal.created"] - o.sent_at)
    if per_dossier:
        worst = max(per_dossier.values(), key=lambda waits: percentile(waits, 95))
        print(f"  slowest dossier: upload -> proposal p95 {percentile(worst, 95):.2f} s over {len(worst)} documents")
    accepted = sum(1 for o in offered if o.document_id)
    print("\n".join(cpu.report(cpu_before, cpu_after, accepted, wall, None)))
    print(f"  the machine's {os.cpu_count()} cores were {busy:.0%} busy over the day "
          "(the stack, this bench, anything else)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000, help="documents in the day")
    parser.add_argument("--dossiers", type=int, default=50, help="dossiers they are spread over")
    parser.add_argument("--minutes", type=float, default=60.0, help="wall minutes the day is compressed into")
    parser.add_argument("--scan", type=float, default=0.2, help="share of scans")
    parser.add_argument("--ubl", type=float, default=0.4, help="share of Peppol UBL (the rest: born-digital PDFs)")
    parser.add_argument("--scan-pool", type=int, default=150, help="different scans made before the day starts")
    parser.add_argument("--drain", type=float, default=900.0, help="seconds to wait for the last proposals")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
