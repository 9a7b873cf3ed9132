"""Binds an EventConsumer to FastStream subscribers with manual, after-the-effect commits."""
from __future__ import annotations

import asyncio
import logging

from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from runtime.consumer import EventConsumer, Outcome
from runtime.inbox import Delivery

log = logging.getLogger(__name__)


def bind(broker: KafkaBroker, consumer: EventConsumer, *, retry_pause_s: float = 2.0) -> None:
    """Subscribe `consumer` to each of its topics (`EventConsumer.topics`), one subscriber per topic.

    Ack policy MANUAL: the offset is committed only after the effect is durable (applied,
    duplicate or dead-lettered). FastStream's plain ACK policy would commit even when the
    handler raised, losing the message; infrastructure failures here nack instead, which
    seeks back so the same message comes again after a pause.
    """
    for topic in consumer.topics:
        subscriber = broker.subscriber(
            topic,
            group_id=consumer.name,
            ack_policy=AckPolicy.MANUAL,
            auto_offset_reset="earliest",
            max_poll_interval_ms=300_000,
            session_timeout_ms=10_000,
            heartbeat_interval_ms=3_000,
        )
        subscriber(_on_message(consumer, retry_pause_s))


def _on_message(consumer: EventConsumer, retry_pause_s: float):
    async def on_message(msg: KafkaMessage) -> None:
        record = msg.raw_message
        delivery = Delivery(topic=record.topic, partition=record.partition, offset=record.offset)
        outcome = await consumer.process(delivery, record.value, list(record.headers or ()), record.key)
        if outcome is Outcome.RETRY_LATER:
            await asyncio.sleep(retry_pause_s)
            await msg.nack()
        else:
            await msg.ack()

    on_message.__name__ = f"apply_{consumer.name}"
    return on_message
