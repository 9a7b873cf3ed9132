"""Poison messages go to <topic>.dlq with their reason; the partition keeps flowing (DESIGN.md Events)."""
import asyncio

import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize

from runtime import kafka
from runtime.testing import read_topic, temp_topics, wait_for
from tests.reliability.test_outbox_inbox import _count_is, running_receiver, scalar
from tests.skeleton import receiver, sender

pytestmark = pytest.mark.integration


async def publish(settings, topic, *messages):
    """Publish raw (value, headers) pairs with one key, so they share a partition in order."""
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    try:
        for value, headers in messages:
            await producer.send_and_wait(topic, value, key=b"same-dossier", headers=headers)
    finally:
        await producer.stop()


def valid(name: str, seq: int):
    event = sender.dossier_event(sender.OFFICE, name, seq)
    return serialize(event), to_headers(event, source="/services/test")


def dlq_headers(record) -> dict[str, str]:
    return {k: v.decode() for k, v in record.headers}


async def test_undecodable_message_is_dead_lettered_and_the_next_one_applied(settings, receiver_db):
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await publish(settings, topic, (b"{not json", [("ce_id", b"x")]), valid("after-garbage", 1))
        await receiver.prepare(receiver_db)
        async with running_receiver(receiver_db, topic, f"g-{topic}"):
            await wait_for(lambda: _count_is(receiver_db, "applied_log", 1))
            (dead,) = await read_topic(settings, f"{topic}.dlq", expect=1)
    assert dead.value == b"{not json"
    headers = dlq_headers(dead)
    assert headers["dlq_error_type"] == "ContractError"
    assert headers["dlq_topic"] == topic and headers["dlq_offset"] == "0"
    assert headers["dlq_reason"]
    assert await scalar(receiver_db, "SELECT name FROM applied_log") == "after-garbage"


async def test_failing_handler_is_retried_then_dead_lettered(settings, receiver_db):
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await publish(settings, topic, valid("poison", 1), valid("healthy", 2))
        await receiver.prepare(receiver_db)
        async with running_receiver(receiver_db, topic, f"g-{topic}", fail_name="poison"):
            await wait_for(lambda: _count_is(receiver_db, "applied_log", 1))
            (dead,) = await read_topic(settings, f"{topic}.dlq", expect=1)
    headers = dlq_headers(dead)
    assert headers["dlq_attempts"] == "3"
    assert "cannot apply dossier poison" in headers["dlq_reason"]
    assert headers["ce_id"], "the original CloudEvents headers travel with the dead letter"
    assert await scalar(receiver_db, "SELECT name FROM applied_log") == "healthy"
    # the poison message's inbox entry was rolled back with its failed effect
    assert await scalar(receiver_db, "SELECT count(*) FROM inbox") == 1


async def test_permanent_error_is_dead_lettered_without_retry(settings, receiver_db):
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await publish(settings, topic, valid("rule-breaker", 1), valid("fine", 2))
        await receiver.prepare(receiver_db)
        async with running_receiver(receiver_db, topic, f"g-{topic}", permanent_name="rule-breaker"):
            await wait_for(lambda: _count_is(receiver_db, "applied_log", 1))
            (dead,) = await read_topic(settings, f"{topic}.dlq", expect=1)
            await asyncio.sleep(0.5)
    assert dlq_headers(dead)["dlq_attempts"] == "1"
    assert dlq_headers(dead)["dlq_error_type"] == "PermanentError"
