"""Prometheus metrics every service shares, and the consumer-lag probe that feeds one of them.

All metrics live in prometheus-client's default registry (served on /metrics by runtime.http)
and carry a ``service`` label. Defining them connects to nothing.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client import Counter, Gauge, Histogram

from runtime import context

log = logging.getLogger(__name__)

# Outcomes of one message: "ok", "retry", "dlq" or "duplicate".
HANDLER_LATENCY = Histogram(
    "bf_handler_latency_seconds",
    "Time to handle one consumed message, by outcome (ok, retry, dlq, duplicate).",
    ["service", "topic", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
EVENTS_CONSUMED = Counter("bf_events_consumed", "Messages consumed.", ["service", "topic"])
EVENTS_PUBLISHED = Counter("bf_events_published", "Events published by the outbox relay.", ["service", "topic"])
EVENTS_DLQ = Counter("bf_events_dlq", "Messages sent to the dead-letter topic.", ["service", "topic"])
INBOX_DUPLICATES = Counter("bf_inbox_duplicates", "Redelivered events the inbox absorbed.", ["service", "topic"])
CONSUMER_LAG = Gauge(
    "bf_consumer_lag", "Messages not yet committed by a consumer group.", ["service", "group", "topic", "partition"]
)
OUTBOX_BACKLOG = Gauge("bf_outbox_backlog", "Outbox rows not yet published.", ["service"])
OUTBOX_OLDEST = Gauge(
    "bf_outbox_oldest_unpublished_timestamp_seconds",
    "Creation time (Unix seconds) of the oldest outbox row not yet published; 0 when none waits.",
    ["service"],
)

Lag = dict[tuple[str, int], int]


async def measure_consumer_lag(
    bootstrap: str, group_id: str, topics: list[str], *, service: str | None = None, timeout_s: float = 10.0
) -> Lag:
    """The lag of a consumer group per (topic, partition): end offset minus committed offset.

    A partition the group never committed counts from the log start. Also sets CONSUMER_LAG.
    Raises TimeoutError when Kafka does not answer within ``timeout_s``.
    """
    async with asyncio.timeout(timeout_s):
        committed, partitions = await _group_offsets(bootstrap, group_id, topics, timeout_s)
        ends, starts = await _log_offsets(bootstrap, partitions, timeout_s)
    lag = {}
    for tp, end in ends.items():
        offset = committed.get((tp.topic, tp.partition))
        base = offset if offset is not None and offset >= 0 else starts[tp]
        lag[(tp.topic, tp.partition)] = max(end - base, 0)
    label = service or context.service_name.get() or "unknown"
    for (topic, partition), value in lag.items():
        CONSUMER_LAG.labels(service=label, group=group_id, topic=topic, partition=str(partition)).set(value)
    return lag


async def _group_offsets(
    bootstrap: str, group_id: str, topics: list[str], timeout_s: float
) -> tuple[dict[tuple[str, int], int], list[TopicPartition]]:
    """The group's committed offsets, and the partitions of the topics (unknown topics skipped)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout_s * 1000))
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group_id)
        described = await admin.describe_topics(list(topics))
    finally:
        await admin.close()
    partitions = []
    for topic in described:
        if topic["error_code"]:
            log.warning("consumer lag: topic %s not described (error %s)", topic["topic"], topic["error_code"])
            continue
        partitions += [TopicPartition(topic["topic"], p["partition"]) for p in topic["partitions"]]
    committed = {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items()}
    return committed, sorted(partitions)


async def _log_offsets(
    bootstrap: str, partitions: list[TopicPartition], timeout_s: float
) -> tuple[dict[TopicPartition, int], dict[TopicPartition, int]]:
    """End and start offsets of the partitions, read by a short-lived consumer outside any group."""
    if not partitions:
        return {}, {}
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, request_timeout_ms=int(timeout_s * 1000)
    )
    await consumer.start()
    try:
        return await consumer.end_offsets(partitions), await consumer.beginning_offsets(partitions)
    finally:
        await consumer.stop()


class LagMonitor:
    """A background task that measures a consumer group's lag every ``interval_s`` seconds.

    ``start()`` launches it, ``stop()`` cancels it; also usable as ``async with``, or await
    ``run()`` in a task of your own (it runs until cancelled). A failed
    measurement is logged and retried at the next tick (it changes no data).
    """

    def __init__(
        self, bootstrap: str, group_id: str, topics: list[str], *, interval_s: float = 30.0, service: str | None = None
    ) -> None:
        self.bootstrap, self.group_id, self.topics = bootstrap, group_id, list(topics)
        self.interval_s = interval_s
        self.service = service
        self.last: Lag = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Launch the loop (once)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name=f"lag-monitor-{self.group_id}")

    async def stop(self) -> None:
        """Cancel the loop and wait for it to end."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run(self) -> None:
        """Measure, sleep, repeat until cancelled."""
        while True:
            try:
                self.last = await measure_consumer_lag(
                    self.bootstrap, self.group_id, self.topics, service=self.service,
                    timeout_s=max(self.interval_s, 5.0),
                )
            except Exception as exc:  # noqa: BLE001 - a monitor must survive a broker hiccup
                log.warning("consumer lag of %s not measured: %s", self.group_id, exc)
            await asyncio.sleep(self.interval_s)

    async def __aenter__(self) -> "LagMonitor":
        self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()
