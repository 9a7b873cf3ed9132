"""Operator commands: provision databases, topics and buckets, and run every service's migrations.

    python -m runtime.admin provision      # idempotent; `make up` runs it
    python -m runtime.admin topics         # list topics with partitions
    python -m runtime.admin replay-dlq TOPIC   # republish TOPIC's dead letters (TOPIC or TOPIC.dlq) once
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from contracts.registry import TOPICS

from runtime.config import Settings
from runtime.db import ensure_database
from runtime.dlq import UnknownDeadLetterTopic, replay_dlq
from runtime.kafka import idempotent_producer
from runtime.migrations import migrate_dsn
from runtime.storage import ObjectStore

log = logging.getLogger("runtime.admin")
DLQ_PARTITIONS = 3


def repo_root() -> Path:
    """The repository root: BF_ROOT, or the nearest parent holding deploy/local/stack.env."""
    if os.environ.get("BF_ROOT"):
        return Path(os.environ["BF_ROOT"])
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "deploy/local/stack.env").is_file():
            return folder
    raise SystemExit("cannot find the repository root (deploy/local/stack.env); set BF_ROOT")


def services(root: Path) -> list[str]:
    """Every service folder under services/ that is a package."""
    return sorted(p.parent.name for p in (root / "services").glob("*/pyproject.toml"))


def wanted_topics(partitions: int) -> dict[str, int]:
    """Every contract topic and its dead-letter topic, with their partition counts."""
    wanted = {}
    for topic in TOPICS.values():
        wanted[topic.name] = topic.partitions or partitions
        wanted[topic.dlq] = DLQ_PARTITIONS
    return wanted


async def ensure_topics(bootstrap: str, wanted: dict[str, int]) -> list[str]:
    """Create the missing topics (auto-creation is off on the broker); return the created ones."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [NewTopic(name, n, 1) for name, n in sorted(wanted.items()) if name not in existing]
        if missing:
            await admin.create_topics(missing)
        return [t.name for t in missing]
    finally:
        await admin.close()


async def provision(root: Path) -> None:
    """Databases and migrations of every service, every topic, the document bucket."""
    base = Settings()
    for svc in services(root):
        settings = Settings(service=svc)
        created = await ensure_database(base.dsn("postgres"), settings.database)
        applied = await migrate_dsn(settings.dsn(), root / "services" / svc / "migrations")
        print(f"  database {settings.database:<20} {'created' if created else 'present'}, {len(applied)} migration(s) applied")
    created = await ensure_topics(base.kafka_bootstrap, wanted_topics(base.kafka_partitions))
    print(f"  topics: {len(TOPICS)} event topics + dead-letter topics, {len(created)} created")
    store = ObjectStore.from_settings(base)
    await store.ensure_bucket()
    print(f"  bucket {base.s3_bucket} ready (private)")


async def list_topics(bootstrap: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30_000)
    await admin.start()
    try:
        for meta in sorted(await admin.describe_topics(), key=lambda t: t["topic"]):
            if not meta["topic"].startswith("__"):
                print(f"{meta['topic']:<40} {len(meta['partitions'])} partitions")
    finally:
        await admin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runtime.admin", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["provision", "topics", "replay-dlq"])
    parser.add_argument("topic", nargs="?", help="replay-dlq: the dead-letter topic, or the topic whose DLQ to replay")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.command == "provision":
        asyncio.run(provision(repo_root()))
    elif args.command == "topics":
        asyncio.run(list_topics(Settings().kafka_bootstrap))
    else:
        if not args.topic:
            parser.error("replay-dlq needs the topic, e.g. replay-dlq document.received.dlq")
        return asyncio.run(replay(Settings(service="admin"), args.topic))
    return 0


async def replay(settings: Settings, topic: str) -> int:
    """Replay a DLQ and print what went where; 2 when there is no such DLQ."""
    producer = idempotent_producer(settings)
    await producer.start()
    try:
        print(await replay_dlq(settings.kafka_bootstrap, topic, producer))
    except UnknownDeadLetterTopic as exc:
        print(f"replay-dlq: {exc}", file=sys.stderr)
        return 2
    finally:
        await producer.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
