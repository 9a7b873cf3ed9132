"""Kafka clients with the settings every service uses."""
from __future__ import annotations

from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker

from runtime.config import Settings


def idempotent_producer(settings: Settings) -> AIOKafkaProducer:
    """A producer that never duplicates or reorders on retry: idempotent, acks=all."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        client_id=f"{settings.client_id}-producer",
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        request_timeout_ms=30_000,
    )


def broker(settings: Settings) -> KafkaBroker:
    """The FastStream broker that hosts a service's subscribers (not started)."""
    return KafkaBroker(
        settings.kafka_bootstrap,
        client_id=settings.client_id,
        request_timeout_ms=30_000,
        graceful_timeout=15.0,
    )
