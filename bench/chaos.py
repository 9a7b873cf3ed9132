"""`make chaos`: documents keep coming while the stack's parts are killed with -9 in turn (issue 18, faults under load).

A steady load (--rate documents/s, Peppol UBL and born-digital PDFs, uploaded then sent through ingest's API into
the bench office's dossier BENCHCHAOS) runs the whole time. Meanwhile, one after the other, the broker, the database,
the object store, Tryton and every service are killed with SIGKILL, left down --down seconds, and started again
with their deploy/local script (the way `make up` starts them). An upload refused during an outage is offered
again, as the portal's uploader does, until ingest accepts it.

At the end, after the drain, the proposal.created topic is read from its beginning and every accepted document must
have exactly one proposal: one distinct event id (a redelivery of the same event is at-least-once and allowed; two
proposals of one document are not). Every --book-every'th document is instead a Peppol invoice of a known supplier
into the demo dossier DUPONT, reviewed and sent to Tryton as soon as it is proposed (chaos_bookings.py): each must
end up booked, and in Tryton's books exactly once. Prints what was killed, how long each came back in, accepted,
lost, duplicated, the bookings, and exits 1 when any document was lost or proposed twice, or any sent invoice is
not booked exactly once.

Not part of `make test`: it stops the shared stack's parts, so run it alone. Needs `make up`.

    make chaos
    make chaos BENCH_ARGS="--rate 1 --down 15 --only kafka,postgres,recognition"
"""
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chaos_bookings import Bookings  # noqa: E402
from bench_documents import pdf, ubl  # noqa: E402
from pipeline import Office, Offered, consume, seed_office, upload  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LOCAL, RUN = ROOT / "deploy" / "local", ROOT / ".stack" / "run"
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir()
                  if (p / "src" / p.name.replace("-", "_") / "__main__.py").exists())
# what is killed: name -> (pid files or a pid finder, the script and arguments that start it again)
COMPONENTS = {
    "kafka": (["kafka"], ["kafka.sh", "start"]),
    "postgres": ("postgres", ["postgres.sh", "start"]),
    "object-store": (["seaweedfs-master", "seaweedfs-volume", "seaweedfs-filer"], ["s3.sh", "start"]),
    "tryton": (["tryton"], ["tryton.sh", "start"]),
    **{svc: ([svc], ["services.sh", "start", svc]) for svc in SERVICES},
}


def pids(which) -> list[int]:
    if which == "postgres":  # the postmaster, from its data directory's postmaster.pid
        found = list((ROOT / ".stack" / "postgres").resolve().glob("**/postmaster.pid"))
        return [int(found[0].read_text().split()[0])] if found else []
    out = []
    for name in which:
        file = RUN / f"{name}.pid"
        if file.exists() and file.read_text().strip().isdigit():
            out.append(int(file.read_text().strip()))
    return out


def kill_and_restart(name: str, down_s: float) -> str:
    which, start = COMPONENTS[name]
    victims = pids(which)
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    time.sleep(down_s)
    began = time.monotonic()
    done = subprocess.run(["bash", str(LOCAL / start[0]), *start[1:]], capture_output=True, text=True, timeout=600)
    took = time.monotonic() - began
    state = "back" if done.returncode == 0 else f"NOT back (exit {done.returncode}: {done.stderr.strip()[-200:]})"
    return f"{name:<16} killed pids {victims or 'none found'}, down {down_s:.0f} s, {state} in {took:.1f} s"


async def proposals(bootstrap: str, wanted: set[str], settle_s: float) -> dict[str, set[str]]:
    """Every proposal.created event id per wanted document, read from the topic's beginning."""
    found: dict[str, set[str]] = defaultdict(set)
    stop, ready = asyncio.Event(), asyncio.Event()

    async def keep(event) -> None:
        document = event.payload.get("document_id")
        if document in wanted:
            found[document].add(event.event_id)

    reader = asyncio.create_task(consume(bootstrap, f"bench-chaos-check-{uuid.uuid4().hex[:8]}",
                                         ["proposal.created"], keep, from_beginning=True, stop=stop, ready=ready))
    await asyncio.sleep(settle_s)
    stop.set()
    await reader
    return found


async def run(args) -> int:
    bootstrap = os.environ.get("BF_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
    targets = args.only.split(",") if args.only else list(COMPONENTS)
    unknown = [t for t in targets if t not in COMPONENTS]
    if unknown:
        raise SystemExit(f"unknown parts {unknown}; known: {', '.join(COMPONENTS)}")
    offered: list[Offered] = []
    async with httpx.AsyncClient(timeout=60) as http:
        await seed_office()
        office = Office(http)
        await office.login()
        dossier = await office.dossier("BENCHCHAOS", "Bench chaos dossier")
        bookings = Bookings(http)
        await bookings.start()
        await asyncio.sleep(2)
        stop, tasks = asyncio.Event(), []
        tender = asyncio.create_task(bookings.tend(stop)) if args.book_every else None

        async def load() -> None:
            n = 0
            while not stop.is_set():
                if args.book_every and n % args.book_every == args.book_every - 1:
                    tasks.append(asyncio.create_task(bookings.offer(n)))
                    n += 1
                    await asyncio.sleep(1 / args.rate)
                    continue
                doc = ubl(n) if n % 2 else await asyncio.to_thread(pdf, n)
                item = Offered(dossier, "chaos", time.time())
                offered.append(item)
                tasks.append(asyncio.create_task(upload(http, office, item, doc, tries=120)))
                n += 1
                await asyncio.sleep(1 / args.rate)

        loader = asyncio.create_task(load())
        log = []
        for name in targets:
            await asyncio.sleep(args.between)
            line = await asyncio.to_thread(kill_and_restart, name, args.down)
            print(line, flush=True)
            log.append(line)
        await asyncio.sleep(args.between)
        stop.set()
        await loader
        await asyncio.gather(*tasks)
        if tender:
            await asyncio.wait_for(tender, args.drain)
            booking_lines, booking_failures = await bookings.verdict(args.drain)
        else:
            booking_lines, booking_failures = [], 0
    accepted = [o.document_id for o in offered]
    ids = {a for a in accepted if a}
    deadline = time.monotonic() + args.drain
    while True:
        found = await proposals(bootstrap, ids, 15)
        if all(found.get(d) for d in ids) or time.monotonic() > deadline:
            break
    lost = sorted(d for d in ids if not found.get(d))
    twice = sorted(d for d in ids if len(found.get(d, ())) > 1)
    print(f"\nchaos: {len(targets)} parts killed with -9 in turn ({args.down:.0f} s down each) under "
          f"{args.rate}/s; offered {len(accepted)}, accepted {len(ids)}, never accepted "
          f"{len(accepted) - len(ids)}; lost {len(lost)}; proposed twice {len(twice)}")
    for d in lost[:10]:
        print(f"  lost: document {d}")
    for d in twice[:10]:
        print(f"  twice: document {d} ({len(found[d])} proposals)")
    print("\n".join(booking_lines))
    return 1 if lost or twice or len(ids) < len(accepted) or booking_failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=1.0, help="documents offered per second")
    parser.add_argument("--down", type=float, default=15.0, help="seconds each part stays down")
    parser.add_argument("--between", type=float, default=10.0, help="seconds of load between two kills")
    parser.add_argument("--only", default="", help="comma-separated parts to kill (default: all)")
    parser.add_argument("--book-every", type=int, default=4,
                        help="every Nth document is a known supplier's Peppol invoice sent to Tryton (0: none)")
    parser.add_argument("--drain", type=float, default=600.0, help="seconds to wait for the last proposals")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
