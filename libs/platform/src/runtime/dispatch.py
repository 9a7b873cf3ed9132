"""Concurrent consumption with a work queue per message key after the partition: no dossier waits behind another.

Events are keyed by dossier, so one dossier's 2,000-document backlog sits in one partition, and a consumer
that applies a partition's records one after the other makes every dossier hashed there wait for all of it.
`KeyedDispatcher` reads ahead (up to `max_buffered` records), files each record in the queue of its
(topic, key), and runs at most `concurrency` records at once, taking the keys in turn (round robin):

- records of one key are applied one at a time, in partition order (a dossier's events stay ordered);
- a key with one waiting record is served after at most one record of each other busy key, not after their
  backlog: another dossier's document behind a big backlog waits for about `keys / concurrency` records;
- the offset committed for a partition is the lowest offset still in work (or the next after the last read),
  so a crash redelivers what was not finished, and the inbox absorbs what was (exactly-once effect);
- a record whose dependency stays down (RETRY_LATER) is tried again after a pause, keeping its offset.

Commits happen every `commit_interval_s` and when partitions are revoked; records of revoked partitions not
yet started are dropped (their new owner reads them from the committed offset).
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from runtime.consumer import EventConsumer, Outcome
from runtime.inbox import Delivery

log = logging.getLogger(__name__)


@dataclass
class _Partition:
    """Offsets of one partition: read but not finished (in work), and the next to read."""

    in_work: set[int] = field(default_factory=set)
    next_offset: int | None = None
    committed: int | None = None

    def commit_point(self) -> int | None:
        return min(self.in_work) if self.in_work else self.next_offset


class KeyedDispatcher:
    """Feeds an EventConsumer from Kafka with bounded concurrency and one in-order queue per (topic, key)."""

    def __init__(self, consumer: EventConsumer, bootstrap: str, *, concurrency: int = 4, max_buffered: int = 10_000,
                 commit_interval_s: float = 1.0, retry_pause_s: float = 2.0, client_id: str | None = None) -> None:
        self.consumer = consumer
        self.concurrency = max(1, concurrency)
        self.max_buffered = max_buffered
        self.commit_interval_s = commit_interval_s
        self.retry_pause_s = retry_pause_s
        self._kafka = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, group_id=consumer.name, client_id=client_id or consumer.name,
            enable_auto_commit=False, auto_offset_reset="earliest", max_poll_interval_ms=300_000,
            session_timeout_ms=10_000, heartbeat_interval_ms=3_000,
            # the broker answers a fetch as soon as a record arrives, so a longer wait costs no latency: it only
            # spares an idle service (and the broker) two empty fetches a second
            fetch_max_wait_ms=2_000,
        )
        self._queues: dict[tuple[str, bytes | None], collections.deque] = {}
        self._ready: asyncio.Queue[tuple[str, bytes | None]] = asyncio.Queue()
        self._partitions: dict[TopicPartition, _Partition] = {}
        self._buffered = 0
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task] = []

    async def start(self) -> None:
        self._kafka.subscribe(list(self.consumer.topics), listener=_Rebalance(self))
        await self._kafka.start()
        self._tasks = [asyncio.create_task(self._fetch(), name=f"{self.consumer.name}-fetch"),
                       asyncio.create_task(self._commit_loop(), name=f"{self.consumer.name}-commit")]
        self._tasks += [asyncio.create_task(self._work(), name=f"{self.consumer.name}-worker-{n}")
                        for n in range(self.concurrency)]

    async def stop(self) -> None:
        """Stop taking work, cancel what runs (its offset is not committed: redelivered), commit, leave."""
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await self._commit()
        await self._kafka.stop()

    # reading ahead
    async def _fetch(self) -> None:
        while not self._stop.is_set():
            if self._buffered >= self.max_buffered:
                await asyncio.sleep(0.05)
                continue
            batches = await self._kafka.getmany(timeout_ms=500, max_records=500)
            for tp, records in batches.items():
                state = self._partitions.setdefault(tp, _Partition())
                for record in records:
                    state.in_work.add(record.offset)
                    state.next_offset = record.offset + 1
                    self._enqueue((record.topic, record.key), record)

    def _enqueue(self, key: tuple[str, bytes | None], record) -> None:
        queue = self._queues.get(key)
        if queue is None:  # the key was idle: schedule it
            queue = self._queues[key] = collections.deque()
            self._ready.put_nowait(key)
        queue.append(record)
        self._buffered += 1

    # working, one record of a key at a time, keys in turn
    async def _work(self) -> None:
        while True:
            key = await self._ready.get()
            queue = self._queues[key]
            if not queue:  # its records belonged to revoked partitions
                del self._queues[key]
                continue
            record = queue.popleft()
            self._buffered -= 1
            if not await self._apply(record):
                return  # stopping: the record stays in work, its offset uncommitted (redelivered)
            state = self._partitions.get(TopicPartition(record.topic, record.partition))
            if state is not None:
                state.in_work.discard(record.offset)
            if queue:
                self._ready.put_nowait(key)  # to the back of the line: the other keys go first
            else:
                del self._queues[key]

    async def _apply(self, record) -> bool:
        """Process the record until it is done (applied, duplicate, dead-lettered); False when stopping first.
        Cancellation (stop) propagates with the record still in work."""
        delivery = Delivery(topic=record.topic, partition=record.partition, offset=record.offset)
        while not self._stop.is_set():
            try:
                outcome = await self.consumer.process(delivery, record.value, list(record.headers or ()), record.key)
            except Exception:  # noqa: BLE001 - a bug around the handler: keep the offset, try again later
                log.exception("applying %s@%s:%s failed", record.topic, record.partition, record.offset)
                outcome = Outcome.RETRY_LATER
            if outcome is not Outcome.RETRY_LATER:
                return True
            await asyncio.sleep(self.retry_pause_s)
        return False

    # committing
    async def _commit_loop(self) -> None:
        while True:
            await asyncio.sleep(self.commit_interval_s)
            try:
                await self._commit()
            except Exception as exc:  # noqa: BLE001 - broker or rebalance: the next round commits
                log.warning("offsets of %s not committed: %s", self.consumer.name, exc)

    async def _commit(self, partitions=None) -> None:
        offsets = {}
        for tp, state in self._partitions.items():
            if partitions is not None and tp not in partitions:
                continue
            point = state.commit_point()
            if point is not None and point != state.committed:
                offsets[tp] = OffsetAndMetadata(point, "")
        if offsets:
            await self._kafka.commit(offsets)
            for tp, meta in offsets.items():
                self._partitions[tp].committed = meta.offset

    def _drop(self, revoked) -> None:
        """Forget the records of revoked partitions that did not start; their new owner reads them again."""
        for key in list(self._queues):
            queue = self._queues[key]
            kept = collections.deque(r for r in queue if TopicPartition(r.topic, r.partition) not in revoked)
            self._buffered -= len(queue) - len(kept)
            queue.clear()
            queue.extend(kept)
        for tp in revoked:
            self._partitions.pop(tp, None)


class _Rebalance(ConsumerRebalanceListener):
    def __init__(self, dispatcher: KeyedDispatcher) -> None:
        self.dispatcher = dispatcher

    async def on_partitions_revoked(self, revoked) -> None:
        with contextlib.suppress(Exception):
            await self.dispatcher._commit(set(revoked))
        self.dispatcher._drop(set(revoked))

    async def on_partitions_assigned(self, assigned) -> None:
        return None
