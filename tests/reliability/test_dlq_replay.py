"""Replaying a dead-letter topic: `make replay-dlq TOPIC=...` on the real Kafka, with the test's own topics.

A poison message is dead-lettered; once its handler is fixed the operator replays the DLQ: the
message is applied, a dead letter of an already-applied event changes nothing (the inbox dedups by
event id), and a second replay republishes nothing (the replayer's group committed the DLQ offsets).
"""
import asyncio
import os
import subprocess

import pytest

from runtime import kafka
from runtime.dlq import replay_dlq
from runtime.testing import read_topic, temp_topics, wait_for
from tests.reliability.processes import ROOT
from tests.reliability.test_dead_letters import dlq_headers, publish, valid
from tests.reliability.test_outbox_inbox import _count_is, running_receiver, scalar
from tests.skeleton import receiver

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def make_replay(topic: str) -> str:
    """The operator's command; its output."""
    proc = await asyncio.create_subprocess_exec(
        "make", "-s", "replay-dlq", f"TOPIC={topic}", cwd=ROOT, env=dict(os.environ),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode == 0, out.decode()
    return out.decode()


async def dead_letter_copy(settings, topic: str, value: bytes, headers: list) -> None:
    """Put a message in the DLQ as the consumer would, though it was in fact applied (an operator's mistake)."""
    extra = [("dlq_topic", topic.encode()), ("dlq_reason", b"RuntimeError: flaky"), ("dlq_attempts", b"3")]
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    try:
        await producer.send_and_wait(f"{topic}.dlq", value, key=b"same-dossier", headers=headers + extra)
    finally:
        await producer.stop()


async def test_replay_applies_the_fixed_message_once_and_never_replays_a_record_twice(settings, receiver_db):
    async with temp_topics(settings, "dossier.changed") as (topic,):
        healthy_value, healthy_headers = valid("healthy", 2)
        await publish(settings, topic, valid("poison", 1), (healthy_value, healthy_headers))
        await receiver.prepare(receiver_db)
        async with running_receiver(receiver_db, topic, f"g-{topic}", fail_name="poison"):
            await wait_for(lambda: _count_is(receiver_db, "applied_log", 1))
            await read_topic(settings, f"{topic}.dlq", expect=1)
        await dead_letter_copy(settings, topic, healthy_value, healthy_headers)

        first = await make_replay(f"{topic}.dlq")
        assert f"replayed 2 message(s) from {topic}.dlq: 2 to {topic}" in first

        async with running_receiver(receiver_db, topic, f"g-{topic}"):  # the handler is fixed
            await wait_for(lambda: _count_is(receiver_db, "applied_log", 2))
            await asyncio.sleep(1.0)  # time for the replayed copy of "healthy" to be (not) applied
        names = sorted(r for r in (await scalar(receiver_db, "SELECT string_agg(name, ',') FROM applied_log")).split(","))
        assert names == ["healthy", "poison"], "each event applied exactly once"

        producer = kafka.idempotent_producer(settings)
        await producer.start()
        try:
            second = await replay_dlq(settings.kafka_bootstrap, topic, producer)
        finally:
            await producer.stop()
        assert second.total == 0
        records = await read_topic(settings, topic, expect=5, timeout=5)
    assert len(records) == 4, "2 originals + 2 replayed, nothing replayed twice"
    replayed = [dlq_headers(r) for r in records if r.offset >= 2]  # one key, one partition: offsets 2 and 3
    assert len(replayed) == 2 and all(h["ce_id"] for h in replayed), "the original CloudEvents headers travel back"
    assert not any(name.startswith("dlq_") for h in replayed for name in h)


def test_replay_of_a_missing_dlq_is_refused_by_name():
    out = subprocess.run([".venv/bin/python", "-m", "runtime.admin", "replay-dlq", "no.such.topic"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "no dead-letter topic 'no.such.topic.dlq'" in out.stderr
