"""An integrator's consumer of the booking-factory events: aiokafka, CloudEvents headers, upcasting by schema version.

Self-contained (aiokafka and the standard library only): copy it into your own code base. It reads the event
topics with a consumer group of its own, takes the event type and schema version from the CloudEvents headers,
turns older payloads into the shape it was written for (upcasting), and hands each event to your function.
Commit after handling: a crash redelivers, so make your handling idempotent on `event_id` (the `ce_id` header).

    python docs/examples/integrator_consumer.py --bootstrap 127.0.0.1:9092 --group acme-erp \
        --topic proposal.created --topic ledger.synced [--from-beginning]

See docs/integrators.md for the topics, the keys and what each event carries.
"""
from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer

TYPE_PREFIX = "be.bookingfactory."


@dataclass(frozen=True)
class Received:
    """One event as the integrator sees it: type, the version it was upcast to, payload, and where it came from."""

    event_type: str
    schema_version: int
    event_id: str
    source: str
    time: str
    subject: str | None  # the dossier id (the message key), when the event belongs to one
    payload: dict[str, Any]
    topic: str
    partition: int
    offset: int


def upcast_document_received_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """document.received v1 -> v2: the source 'upload' is called 'portal' since v2."""
    return {**payload, "source": "portal" if payload.get("source") == "upload" else payload.get("source")}


# (event type, from version) -> the function giving the next version's payload. Add a line when a new version
# appears (the AsyncAPI document and libs/contracts/schemas/<topic>.v<N>.json describe every version).
UPCASTERS: dict[tuple[str, int], Callable[[dict[str, Any]], dict[str, Any]]] = {
    ("document.received", 1): upcast_document_received_v1_v2,
}
# the version of each event this consumer was written for; newer versions are read as they come
WRITTEN_FOR = {"document.received": 2}


def parse_type(ce_type: str) -> tuple[str, int]:
    """'be.bookingfactory.document.received.v2' -> ('document.received', 2)."""
    if not ce_type.startswith(TYPE_PREFIX) or ".v" not in ce_type:
        raise ValueError(f"not a booking-factory event type: {ce_type!r}")
    name, version = ce_type[len(TYPE_PREFIX):].rsplit(".v", 1)
    return name, int(version)


def upcast(event_type: str, version: int, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The payload lifted, step by step, to the version this consumer was written for."""
    target = WRITTEN_FOR.get(event_type, version)
    while version < target:
        payload = {**UPCASTERS[(event_type, version)](payload), "schema_version": version + 1}
        version += 1
    return version, payload


def decode(record) -> Received:
    """A Kafka record (CloudEvents 1.0 binary mode: attributes in ce_* headers, the JSON event as value)."""
    headers = {key: value.decode("utf-8") for key, value in (record.headers or ())}
    event_type, version = parse_type(headers["ce_type"])
    version, payload = upcast(event_type, version, json.loads(record.value))
    return Received(event_type, version, headers["ce_id"], headers["ce_source"], headers["ce_time"],
                    headers.get("ce_subject"), payload, record.topic, record.partition, record.offset)


async def consume(bootstrap: str, group: str, topics: list[str], handle: Callable[[Received], Awaitable[None]], *,
                  from_beginning: bool = False, stop: asyncio.Event | None = None,
                  ready: asyncio.Event | None = None) -> None:
    """Hand every event of `topics` to `handle`, committing after it; until `stop` is set.
    `ready` is set once partitions are assigned (from then on, new events are seen)."""
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                                auto_offset_reset="earliest" if from_beginning else "latest")
    await consumer.start()
    stop = stop or asyncio.Event()
    try:
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=500)
            if ready is not None and consumer.assignment() and not ready.is_set():
                for tp in consumer.assignment():  # pin the start position before saying ready
                    await consumer.position(tp)
                ready.set()
            for records in batches.values():
                for record in records:
                    await handle(decode(record))
            if batches:
                await consumer.commit()
    finally:
        await consumer.stop()


async def _print(event: Received) -> None:
    print(f"{event.time} {event.event_type} v{event.schema_version} dossier={event.subject} id={event.event_id}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--group", required=True, help="your own consumer group")
    parser.add_argument("--topic", action="append", required=True)
    parser.add_argument("--from-beginning", action="store_true")
    args = parser.parse_args()
    asyncio.run(consume(args.bootstrap, args.group, args.topic, _print, from_beginning=args.from_beginning))


if __name__ == "__main__":
    main()
