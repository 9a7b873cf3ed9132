"""Helpers for tests and benchmarks against the real stack: a service's spec on throw-away topics, throw-away
databases and topics, publishing to and reading a topic, a latency line against a target."""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import statistics
import uuid
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from runtime.config import Settings
from runtime.db import create_pool, drop_database, ensure_database
from runtime.migrations import migrate_dsn
from runtime.service import ServiceSpec


def on_test_topics(spec: ServiceSpec, topics: Mapping[str, str], *, publishes: Mapping[str, str] | None = None,
                   name: str | None = None) -> ServiceSpec:
    """A copy of a service's spec consuming the physical topics a test made (physical -> contract topic), only
    those, under its own service name (its consumer group and metrics); and publishing each contract topic named in
    `publishes` (contract -> physical topic) to the test's topic instead: handlers and routes still enqueue to the
    registry's topic, the runtime's outbox relay sends there. The production spec is left as it is."""
    handlers = {physical: spec.handlers[contract] for physical, contract in topics.items()}
    return dataclasses.replace(spec, name=name or spec.name, handlers=handlers,
                               topic_contracts={**spec.topic_contracts, **topics},
                               published_topics={**spec.published_topics, **(publishes or {})})


def with_deps(spec: ServiceSpec, deps: Any) -> ServiceSpec:
    """A copy of a service's spec whose runtime hands the test's ready `deps` (its fakes) to the
    handlers and routes instead of building them from settings."""

    async def given(_rt: Any) -> Any:
        return deps

    return dataclasses.replace(spec, deps=given)


@contextlib.asynccontextmanager
async def temp_database(settings: Settings, migrations: Path | None = None) -> AsyncIterator[str]:
    """A fresh migrated database for one test; yields its DSN and drops it afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin_dsn = settings.dsn("postgres")
    await ensure_database(admin_dsn, name)
    try:
        dsn = settings.dsn(name)
        await migrate_dsn(dsn, migrations)
        yield dsn
    finally:
        await drop_database(admin_dsn, name)


@contextlib.asynccontextmanager
async def temp_pool(settings: Settings, migrations: Path | None = None) -> AsyncIterator[asyncpg.Pool]:
    """A pool on a fresh migrated database for one test; closed and dropped afterwards."""
    async with temp_database(settings, migrations) as dsn:
        pool = await create_pool(dsn)
        try:
            yield pool
        finally:
            await pool.close()


@contextlib.asynccontextmanager
async def temp_topics(settings: Settings, *bases: str, partitions: int = 3) -> AsyncIterator[list[str]]:
    """Unique topics (and their .dlq) for one test; yields the topic names, deletes them afterwards."""
    suffix = uuid.uuid4().hex[:8]
    names = [f"test.{base}.{suffix}" for base in bases]
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=30_000)
    await admin.start()
    try:
        all_names = names + [f"{n}.dlq" for n in names]
        await admin.create_topics([NewTopic(n, partitions, 1) for n in all_names])
        yield names
    finally:
        with contextlib.suppress(Exception):
            await admin.delete_topics(all_names)
        await admin.close()


async def publish_events(settings: Settings, topic: str, *events: Any) -> None:
    """Publish contract events to `topic` as a producing service would: keyed by dossier, CloudEvents headers."""
    from contracts.cloudevents import to_headers
    from contracts.codec import serialize

    from runtime.kafka import idempotent_producer
    producer = idempotent_producer(settings)
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(topic, serialize(event), key=str(event.dossier_id).encode(),
                                         headers=to_headers(event, source="/tests"))
    finally:
        await producer.stop()


async def read_topic(settings: Settings, topic: str, *, expect: int, timeout: float = 30.0) -> list:
    """Read `topic` from the beginning until `expect` records arrived or `timeout` passed."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=settings.kafka_bootstrap, group_id=None,
        auto_offset_reset="earliest", enable_auto_commit=False,
    )
    await consumer.start()
    records: list = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(records) < expect and asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for part in batch.values():
                records.extend(part)
        return records
    finally:
        await consumer.stop()


async def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    """Poll the async `predicate` until it returns a truthy value; return it, or fail after `timeout`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last value {value!r})")
        await asyncio.sleep(interval)


def latency_line(name: str, times_ms: list[float], target_ms: float, width: int = 34) -> str:
    """A benchmark's line for one call: p50, p95 and max in ms, and whether p95 is under the target."""
    times = sorted(times_ms)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    verdict = "ok" if p95 < target_ms else "OVER TARGET"
    return (f"  {name:<{width}} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   max {times[-1]:7.1f} ms   "
            f"(target p95 < {target_ms:.0f} ms: {verdict})")


def load_beside(path: Path) -> Any:
    """A shared test module (e.g. a repository contract suite) or package (a folder: e.g. a service's memory fakes)
    imported by its path, once, under its name: putting a service's tests/ folder on sys.path instead would let its
    test packages shadow other services' (their `integration` packages)."""
    import importlib.util
    import sys

    if (known := sys.modules.get(path.stem)) is not None:
        return known
    if path.is_dir():
        spec = importlib.util.spec_from_file_location(path.name, path / "__init__.py",
                                                      submodule_search_locations=[str(path)])
    else:
        spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, f"no module at {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module
