"""Shared metrics: names and labels, the lag arithmetic, and the lag monitor's life cycle."""
import asyncio

import pytest
from aiokafka import TopicPartition
from aiokafka.errors import KafkaError
from prometheus_client import REGISTRY

from runtime import metrics
from runtime.metrics import (
    CONSUMER_LAG,
    EVENTS_CONSUMED,
    HANDLER_LATENCY,
    OUTBOX_BACKLOG,
    LagMonitor,
    measure_consumer_lag,
)


def _sample(name: str, **labels) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


def test_metrics_carry_the_service_label_and_show_in_the_registry():
    HANDLER_LATENCY.labels(service="unit", topic="t", outcome="ok").observe(0.02)
    EVENTS_CONSUMED.labels(service="unit", topic="t").inc()
    OUTBOX_BACKLOG.labels(service="unit").set(4)
    assert _sample("bf_handler_latency_seconds_count", service="unit", topic="t", outcome="ok") >= 1
    assert _sample("bf_events_consumed_total", service="unit", topic="t") >= 1
    assert _sample("bf_outbox_backlog", service="unit") == 4


async def test_lag_is_end_minus_committed_or_log_start_when_never_committed(monkeypatch):
    a0, a1 = TopicPartition("a", 0), TopicPartition("a", 1)

    async def group_offsets(bootstrap, group, topics, timeout):
        return {("a", 0): 7, ("other", 0): 1}, [a0, a1]

    async def log_offsets(bootstrap, partitions, timeout):
        assert partitions == [a0, a1]
        return {a0: 10, a1: 5}, {a0: 0, a1: 2}

    monkeypatch.setattr(metrics, "_group_offsets", group_offsets)
    monkeypatch.setattr(metrics, "_log_offsets", log_offsets)
    lag = await measure_consumer_lag("kafka:9092", "g-unit", ["a"], service="unit")
    assert lag == {("a", 0): 3, ("a", 1): 3}
    assert _sample("bf_consumer_lag", service="unit", group="g-unit", topic="a", partition="0") == 3


async def test_lag_monitor_measures_repeatedly_survives_errors_and_stops(monkeypatch):
    calls = []

    async def fake_measure(bootstrap, group_id, topics, *, service=None, timeout_s=10.0):
        calls.append(group_id)
        if len(calls) == 2:
            raise ConnectionError("broker away")
        return {("a", 0): len(calls)}

    monkeypatch.setattr(metrics, "measure_consumer_lag", fake_measure)
    async with LagMonitor("kafka:9092", "g", ["a"], interval_s=0.01) as monitor:
        for _ in range(100):
            await asyncio.sleep(0.01)
            if len(calls) >= 4:
                break
    assert len(calls) >= 4
    assert monitor.last[("a", 0)] >= 3
    count = len(calls)
    await asyncio.sleep(0.05)
    assert len(calls) == count  # stopped


async def test_measuring_an_unreachable_kafka_fails_instead_of_hanging():
    with pytest.raises((KafkaError, TimeoutError)):
        await asyncio.wait_for(measure_consumer_lag("127.0.0.1:1", "g", ["a"], timeout_s=1.0), 5)


def test_consumer_lag_gauge_has_group_topic_partition_labels():
    CONSUMER_LAG.labels(service="unit", group="g", topic="t", partition="3").set(9)
    assert _sample("bf_consumer_lag", service="unit", group="g", topic="t", partition="3") == 9
