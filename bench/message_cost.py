"""CPU of the runtime's per-message path, service and PostgreSQL side: what every consumed event costs before its
handler does anything of its own.

Each message goes through runtime.consumer.EventConsumer.process as on Kafka (decode, inbox row, a handler that
writes one outbox row with runtime.outbox.enqueue, commit, the connection back to the pool), on a throw-away
database of the stack's PostgreSQL. Printed: CPU ms per message of this process (time.process_time) and of the
pool's PostgreSQL backends (/proc/<pid>/stat), which the machine's load does not change the way it changes
latency. In the pipeline a document makes about nine such deliveries (three events, three consumers each).

    .venv/bin/python bench/message_cost.py --messages 2000
    .venv/bin/python bench/message_cost.py --messages 2000 --as-before   # asyncpg's reset + a NOTIFY per enqueue
    .venv/bin/python bench/message_cost.py --messages 2000 --spans-recorded  # spans built though none is exported
"""
from __future__ import annotations

import argparse
import asyncio
import os
import time
import uuid

import asyncpg
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.events import DossierChanged
from runtime import db
from runtime.config import Settings
from runtime.consumer import EventConsumer
from runtime.inbox import Delivery
from runtime.outbox import NOTIFY_CHANNEL, enqueue
from runtime.telemetry import setup_tracing
from runtime.testing import temp_database

TICK = os.sysconf("SC_CLK_TCK")


def _backend_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def _message(n: int) -> tuple[bytes, list[tuple[str, bytes]]]:
    event = DossierChanged.model_validate({"correlation_id": f"bench-{n}", "office_id": str(uuid.uuid4()),
                                           "dossier_id": str(uuid.uuid4()), "change": "created",
                                           "dossier": {"name": f"Dossier {n}"}})
    return serialize(event), to_headers(event, source="/services/bench")


async def measure(dsn: str, messages: int, as_before: bool) -> tuple[float, float]:
    """(service ms, PostgreSQL ms) of CPU per message."""
    if as_before:  # the path before issue 18's cuts: asyncpg's reset query on release, a NOTIFY statement per event
        pool = await asyncpg.create_pool(dsn, min_size=2, max_size=2, init=db._init_connection)
        await pool.execute("DROP TRIGGER outbox_notify ON outbox")
    else:
        pool = await db.create_pool(dsn, min_size=2, max_size=2)

    async def handler(conn, event, deps):
        await enqueue(conn, event, source="bench")
        if as_before:
            await conn.execute(f"NOTIFY {NOTIFY_CHANNEL}")

    consumer = EventConsumer(pool, None, service="bench", name="bench", handlers={"dossier.changed": handler})
    made = [_message(n) for n in range(messages + 200)]
    try:
        for n, (value, headers) in enumerate(made[:200]):  # warm: statements prepared, codecs loaded
            await consumer.process(Delivery("dossier.changed", 0, n), value, headers, None)
        pids = [r[0] for r in await pool.fetch("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                               "AND pid <> pg_backend_pid()")] + [await pool.fetchval("SELECT pg_backend_pid()")]
        pids = sorted(set(pids))
        own, backend = time.process_time(), _backend_cpu(pids)
        for n, (value, headers) in enumerate(made[200:], start=200):
            await consumer.process(Delivery("dossier.changed", 0, n), value, headers, None)
        own, backend = time.process_time() - own, _backend_cpu(pids) - backend
    finally:
        await pool.close()
    return own * 1000 / messages, backend * 1000 / messages


async def run(args) -> None:
    if args.spans_recorded:  # before 'record spans only when exported': every span built, then dropped
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        trace.set_tracer_provider(TracerProvider())
    setup_tracing("bench-message-cost")  # as a service does (no OTLP endpoint on the local stack)
    async with temp_database(Settings(service="bench-message-cost")) as dsn:
        own, backend = await measure(dsn, args.messages, args.as_before)
    label = "as before (asyncpg reset, NOTIFY statement)" if args.as_before else "now"
    label += ", spans recorded" if args.spans_recorded else ""
    print(f"{label}: {args.messages} messages; CPU per message: service {own:.2f} ms, PostgreSQL {backend:.2f} ms, "
          f"total {own + backend:.2f} ms; load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--as-before", action="store_true", help="asyncpg's reset on release and a NOTIFY per event")
    parser.add_argument("--spans-recorded", action="store_true", help="every span recorded though none is exported")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
