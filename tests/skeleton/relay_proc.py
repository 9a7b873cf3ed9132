"""Skeleton relay process; with --crash-after-publish it dies (SIGKILL-like) before marking rows sent.

    python tests/skeleton/relay_proc.py --dsn DSN [--crash-after-publish]
"""
from __future__ import annotations

import argparse
import asyncio
import os

from runtime import kafka
from runtime.config import Settings
from runtime.relay import OutboxRelay


async def crash(_ids: list[int]) -> None:
    os._exit(9)  # like kill -9 between the broker's ack and the UPDATE that marks the rows sent


async def run(dsn: str, crash_after_publish: bool) -> None:
    settings = Settings(service="skeleton-sender")
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    relay = OutboxRelay(dsn, producer, service="skeleton-sender", batch_size=1000,
                        after_publish=crash if crash_after_publish else None)
    try:
        await relay.run(asyncio.Event())
    finally:
        await producer.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--crash-after-publish", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args.dsn, args.crash_after_publish))


if __name__ == "__main__":
    main()
