"""Replaying a dead-letter topic onto the topics its messages failed on, each DLQ record once.

    python -m runtime.admin replay-dlq document.received.dlq     # or: make replay-dlq TOPIC=...

Each record goes back to the topic named by its ``dlq_topic`` header (else the DLQ name without
``.dlq``), with its key and original headers (the ``dlq_*`` ones dropped). Replaying is safe: the
consumers' inboxes dedup by event id, so a message that was applied meanwhile changes nothing.
The replayer's consumer group commits the DLQ offsets it replayed, after the broker acknowledged
every republished record, so a second run replays only what was dead-lettered since. A crash
between the two republishes on the next run, which the inboxes absorb.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import ConsumerRecord

log = logging.getLogger(__name__)
REPLAY_GROUP = "bf-dlq-replay"
DLQ_SUFFIX = ".dlq"
MAX_IDLE_POLLS = 30  # one-second polls without a record while records are still due: give up


class UnknownDeadLetterTopic(ValueError):
    """The dead-letter topic to replay does not exist on the broker."""


@dataclass
class ReplayReport:
    """What one replay did: the DLQ read, and how many records went back to each topic."""

    dlq: str
    replayed: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.replayed.values())

    def __str__(self) -> str:
        where = ", ".join(f"{n} to {topic}" for topic, n in sorted(self.replayed.items()))
        return f"replayed {self.total} message(s) from {self.dlq}" + (f": {where}" if where else "")


def dlq_name(topic: str) -> str:
    """The dead-letter topic of `topic` (a DLQ name is kept as it is)."""
    return topic if topic.endswith(DLQ_SUFFIX) else topic + DLQ_SUFFIX


def target_of(record: ConsumerRecord, dlq: str) -> str:
    """The topic a dead letter failed on: its dlq_topic header, else the DLQ name without .dlq."""
    for name, value in record.headers or ():
        if name == "dlq_topic" and value:
            return value.decode()
    return dlq.removesuffix(DLQ_SUFFIX)


def original_headers(record: ConsumerRecord) -> list[tuple[str, bytes]]:
    """The headers the message had before it was dead-lettered (CloudEvents and trace headers)."""
    return [(name, value) for name, value in record.headers or () if not name.startswith("dlq_")]


async def replay_dlq(bootstrap: str, topic: str, producer: AIOKafkaProducer, *, group: str = REPLAY_GROUP) -> ReplayReport:
    """Republish the records of `topic`'s DLQ not replayed before by `group`; commit them as replayed."""
    dlq = dlq_name(topic)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                                auto_offset_reset="earliest", request_timeout_ms=30_000)
    await consumer.start()
    try:
        partitions = await _partitions(bootstrap, dlq)
        consumer.assign(partitions)  # assigned, not subscribed: no rebalance to wait for, offsets still committed
        ends = await consumer.end_offsets(partitions)
        await _seek_to_committed(consumer, partitions)
        report = ReplayReport(dlq)
        await _republish(consumer, producer, ends, report)
        await consumer.commit({tp: end for tp, end in ends.items()})
        return report
    finally:
        await consumer.stop()


async def _partitions(bootstrap: str, dlq: str) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30_000)
    await admin.start()
    try:
        (meta,) = await admin.describe_topics([dlq])
    finally:
        await admin.close()
    if meta.get("error_code") or not meta.get("partitions"):
        raise UnknownDeadLetterTopic(f"no dead-letter topic {dlq!r} on the broker")
    return [TopicPartition(dlq, p["partition"]) for p in sorted(meta["partitions"], key=lambda p: p["partition"])]


async def _seek_to_committed(consumer: AIOKafkaConsumer, partitions: list[TopicPartition]) -> None:
    beginnings = await consumer.beginning_offsets(partitions)
    for tp in partitions:
        committed = await consumer.committed(tp)
        consumer.seek(tp, max(committed, beginnings[tp]) if committed is not None else beginnings[tp])


async def _republish(consumer: AIOKafkaConsumer, producer: AIOKafkaProducer, ends: dict, report: ReplayReport) -> None:
    """Send every record below the end offsets taken at the start; return once the broker acknowledged them all."""
    pending = {tp for tp, end in ends.items() if await consumer.position(tp) < end}
    sends, idle = [], 0
    while pending:
        batch = await consumer.getmany(*pending, timeout_ms=1000)
        idle = 0 if batch else idle + 1
        if idle == MAX_IDLE_POLLS:
            raise RuntimeError(f"{report.dlq}: nothing read for {MAX_IDLE_POLLS} s below the end offsets; nothing committed")
        for tp, records in batch.items():
            for record in records:
                if record.offset >= ends[tp]:
                    continue
                target = target_of(record, report.dlq)
                sends.append(await producer.send(target, record.value, key=record.key, headers=original_headers(record)))
                report.replayed[target] += 1
        pending = {tp for tp in pending if await consumer.position(tp) < ends[tp]}
    for sent in sends:
        await sent
    log.info("%s", report)
