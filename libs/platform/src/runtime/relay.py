"""Outbox relay: publishes committed outbox rows to Kafka, then marks them sent."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping

import asyncpg
from aiokafka import AIOKafkaProducer

from runtime.metrics import EVENTS_PUBLISHED, OUTBOX_BACKLOG, OUTBOX_OLDEST
from runtime.outage import Backoff, dependency_of
from runtime.outbox import NOTIFY_CHANNEL

log = logging.getLogger(__name__)
_LEADER_KEY = 0x62665F72656C  # "bf_rel": one publishing relay per database keeps per-key order

AfterPublish = Callable[[list[int]], Awaitable[None]]


class OutboxRelay:
    """Publishes a service's outbox in id order; at-least-once, duplicates absorbed by inboxes.

    Several instances may run: the one holding the advisory lock publishes, the others wait.
    A crash between publishing and marking republishes those rows; consumers' inboxes drop them.
    """

    def __init__(
        self,
        dsn: str,
        producer: AIOKafkaProducer,
        *,
        service: str,
        batch_size: int = 500,
        poll_interval: float = 5.0,
        standby_interval: float | None = None,
        after_publish: AfterPublish | None = None,
        backoff: Backoff | None = None,
        topics: Mapping[str, str] | None = None,
    ) -> None:
        self._dsn = dsn
        self._producer = producer
        self._service = service
        self._batch_size = batch_size
        self._poll_interval = poll_interval  # a safety net only: the outbox's trigger wakes the relay at each commit
        # how often a relay without the lead asks for it (a standby takes over within that after the leader dies)
        self._standby_interval = standby_interval if standby_interval is not None else min(5.0, poll_interval * 5)
        self._after_publish = after_publish  # test hook: runs between publish and mark
        self._wake = asyncio.Event()
        self._backoff = backoff or Backoff()  # after an outage or a failure: 1 s doubling to 30 s
        # contract topic -> the topic it is sent to instead; tests only (runtime.testing.on_test_topics(publishes=))
        self._topics = dict(topics or {})

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until `stop` is set; outlives outages of the database and the broker, and its own failures."""
        while not stop.is_set():
            try:
                await self._lead(stop)
            except Exception as exc:  # noqa: BLE001 - a relay that dies stops its whole service's events
                dependency, delay = dependency_of(exc), self._backoff.next_delay()
                if dependency is not None:
                    log.warning("outbox relay of %s: the %s is unavailable (%s); retrying in %.0f s",
                                self._service, dependency, exc, delay)
                else:
                    log.exception("outbox relay of %s failed; retrying in %.0f s", self._service, delay)
                await _sleep_or_stop(stop, delay)

    async def _lead(self, stop: asyncio.Event) -> None:
        conn = await asyncpg.connect(self._dsn, timeout=10)
        try:
            while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", _LEADER_KEY):
                if await _sleep_or_stop(stop, self._standby_interval):
                    return
            await conn.add_listener(NOTIFY_CHANNEL, lambda *_: self._wake.set())
            log.info("outbox relay of %s is publishing", self._service)
            while not stop.is_set():
                published = await self.publish_batch(conn)
                self._backoff.reset()
                if published < self._batch_size:
                    await self._wait(stop)
        finally:
            with contextlib.suppress(Exception):
                await conn.close()

    async def publish_batch(self, conn: asyncpg.Connection) -> int:
        """Publish one batch of unsent rows in id order; return how many were sent."""
        rows = await conn.fetch(
            "SELECT id, topic, key, payload, headers::text AS headers FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1",
            self._batch_size,
        )
        backlog = None
        if rows:
            backlog = await self._measure_backlog(conn)  # before sending: a broker outage leaves the backlog measured
            sends = [
                await self._producer.send(
                    self.destination(r["topic"]), r["payload"], key=r["key"],
                    headers=[(name, value.encode()) for name, value in json.loads(r["headers"])],
                )
                for r in rows
            ]
            await asyncio.gather(*sends)
            ids = [r["id"] for r in rows]
            if self._after_publish is not None:
                await self._after_publish(ids)
            await conn.execute("UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])", ids)
            for r in rows:
                EVENTS_PUBLISHED.labels(service=self._service, topic=self.destination(r["topic"])).inc()
        if backlog == len(rows) and rows:  # all that waited was just sent: no query needed to know it is empty
            self._set_backlog(0, None)  # (a row committed since then woke the relay: the next batch measures it)
        else:
            await self._measure_backlog(conn)
        return len(rows)

    def destination(self, topic: str) -> str:
        """Where an outbox row of `topic` is sent: the topic itself, unless a test mapped it to its own."""
        return self._topics.get(topic, topic)

    async def _measure_backlog(self, conn: asyncpg.Connection) -> int:
        """Sets the backlog gauges: unpublished rows, and when the oldest of them was written; returns the rows."""
        backlog, oldest = await conn.fetchrow(
            "SELECT count(*), extract(epoch FROM min(created_at)) FROM outbox WHERE published_at IS NULL"
        )
        self._set_backlog(backlog, oldest)
        return backlog

    def _set_backlog(self, backlog: int, oldest: float | None) -> None:
        OUTBOX_BACKLOG.labels(service=self._service).set(backlog)
        OUTBOX_OLDEST.labels(service=self._service).set(float(oldest or 0))

    async def _wait(self, stop: asyncio.Event) -> None:
        self._wake.clear()
        stopping = asyncio.ensure_future(stop.wait())
        woken = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({stopping, woken}, timeout=self._poll_interval, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            woken.cancel()


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True when `stop` was set meanwhile."""
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    return stop.is_set()
