"""Skeleton 'receiver' service: applies dossier events through the inbox into its own database.

Run as a process (the reliability tests SIGKILL it):
    python tests/skeleton/receiver.py --dsn DSN --topic TOPIC --group GROUP [--delay-ms N] [--exit-after N]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import signal

import asyncpg
from contracts.envelope import Event

from runtime import kafka
from runtime.config import Settings
from runtime.consumer import EventConsumer, Outcome
from runtime.db import create_pool
from runtime.dispatch import KeyedDispatcher
from runtime.errors import PermanentError
from runtime.subscriptions import bind

SCHEMA = """
CREATE TABLE IF NOT EXISTS applied_log (event_id uuid NOT NULL, dossier_id uuid NOT NULL, name text NOT NULL,
                                        n bigserial);  -- n: the order of application
CREATE TABLE IF NOT EXISTS dossier_replica (dossier_id uuid PRIMARY KEY, name text NOT NULL);
"""


def make_handler(delay_ms: int = 0, fail_name: str | None = None, permanent_name: str | None = None):
    """The receiver's effect: log every application (no unique key, so doubles would show) and upsert."""

    async def apply(conn: asyncpg.Connection, event: Event, _deps: object) -> None:
        name = event.dossier.name  # type: ignore[attr-defined]
        if name == fail_name:
            raise RuntimeError(f"cannot apply dossier {name}")
        if name == permanent_name:
            raise PermanentError(f"dossier {name} breaks a rule")
        await conn.execute("INSERT INTO applied_log VALUES ($1, $2, $3)", event.event_id, event.dossier_id, name)
        await conn.execute(
            "INSERT INTO dossier_replica VALUES ($1, $2) ON CONFLICT (dossier_id) DO UPDATE SET name = excluded.name",
            event.dossier_id, name,
        )
        if delay_ms:
            await asyncio.sleep(delay_ms / 1000)

    return apply


async def prepare(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(SCHEMA)
    finally:
        await conn.close()


class DyingConsumer(EventConsumer):
    """Dies like SIGKILL after its N-th applied event: effect committed, offset not yet committed."""

    def __init__(self, *args, exit_after: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._left = exit_after

    async def process(self, *args, **kwargs):
        outcome = await super().process(*args, **kwargs)
        if outcome is Outcome.APPLIED:
            self._left -= 1
            if self._left == 0:
                os._exit(9)
        return outcome


async def run(dsn: str, topic: str, group: str, *, delay_ms: int = 0, fail_name: str | None = None,
              permanent_name: str | None = None, stop: asyncio.Event | None = None, exit_after: int = 0,
              concurrency: int = 1) -> None:
    """Consume until `stop` is set (or SIGTERM when run as a process); concurrency > 1: the keyed dispatcher."""
    settings = Settings(service="skeleton-receiver", retry_backoff_s=0.05)
    await prepare(dsn)
    pool = await create_pool(dsn)
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    kind, extra = (DyingConsumer, {"exit_after": exit_after}) if exit_after else (EventConsumer, {})
    consumer = kind(
        pool, producer, **extra, service="skeleton-receiver", name=group,
        handlers={topic: make_handler(delay_ms, fail_name, permanent_name)},
        contract_of=lambda _topic: "dossier.changed", attempts=3, backoff_s=0.05,
    )
    if concurrency > 1:
        runner = KeyedDispatcher(consumer, settings.kafka_bootstrap, concurrency=concurrency, retry_pause_s=0.5)
    else:
        runner = kafka.broker(settings)
        bind(runner, consumer, retry_pause_s=0.5)
    await runner.start()
    stop = stop or asyncio.Event()
    try:
        await stop.wait()
    finally:
        await runner.stop()
        await producer.stop()
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--concurrency", type=int, default=1, help="above 1: runtime.dispatch.KeyedDispatcher")
    parser.add_argument("--exit-after", type=int, default=0, help="die after N applied events, before the offset commit")
    args = parser.parse_args()

    async def _main() -> None:
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await run(args.dsn, args.topic, args.group, delay_ms=args.delay_ms, stop=stop, exit_after=args.exit_after,
                  concurrency=args.concurrency)

    asyncio.run(_main())


if __name__ == "__main__":
    main()
