"""Event consumer: decode, apply once, retry with backoff, wait out outages, dead-letter what cannot be applied.

An old message that stands for another topic's event (a ledger.synced v1 posting outcome is a booking.recorded,
`contracts.upcasting.REROUTES`) goes to this consumer's handler of that topic, or to none: a consumer of
booking.recorded therefore reads ledger.synced too (`reroute_sources`) until its v1 messages are gone.
"""
from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer
from contracts.codec import deserialize, rerouted
from contracts.envelope import ContractError, Event
from contracts.upcasting import rerouted_from

from runtime import context
from runtime.errors import PermanentError
from runtime.inbox import Delivery, Handler, apply_once
from runtime.metrics import EVENTS_CONSUMED, EVENTS_DLQ, HANDLER_LATENCY, INBOX_DUPLICATES
from runtime.outage import DEPENDENCY_WAITING, DEPENDENCY_WAITS, Backoff, dependency_of
from runtime.telemetry import consume_span

log = logging.getLogger(__name__)


class Outcome(enum.Enum):
    """What became of one message; every outcome but RETRY_LATER lets the offset be committed."""

    APPLIED = "ok"
    DUPLICATE = "duplicate"
    DEAD_LETTERED = "dlq"
    RETRY_LATER = "retry"  # infrastructure down: keep the offset, redeliver later
    SKIPPED = "skipped"  # no handler of this consumer's: a topic's own event read only for the old ones it holds,
    # or an old message standing for a topic it does not handle


def reroute_sources(handlers: Iterable[str], topic_contracts: Mapping[str, str]) -> dict[str, str]:
    """Physical topic -> contract topic of what a consumer reads besides its handlers' topics: the topics whose old
    messages may stand for an event it handles (ledger.synced for booking.recorded). A source is read under the
    physical name `topic_contracts` gives it, else under its contract name when the handled topic is read under
    its own: a test consuming its own topics never reads a production one."""
    handled = list(handlers)
    named = {contract: physical for physical, contract in topic_contracts.items()}
    extra: dict[str, str] = {}
    for physical in handled:
        contract = topic_contracts.get(physical, physical)
        for source in rerouted_from(contract):
            where = named.get(source) or (source if physical == contract else None)
            if where is not None and where not in handled:
                extra[where] = source
    return extra


class EventConsumer:
    """Applies the events of its subscriptions exactly once into its service's database."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        dlq_producer: AIOKafkaProducer,
        *,
        service: str,
        name: str,
        handlers: dict[str, Handler],
        attempts: int = 3,
        backoff_s: float = 0.2,
        contract_of: Callable[[str], str] = lambda topic: topic,
        deps: Any = None,
        outage_backoff: Backoff | None = None,
        outage_wait_s: float = 60.0,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        self.pool = pool
        self.service = service
        self.name = name  # inbox consumer name and Kafka group id
        self.handlers = dict(handlers)
        self.deps = deps  # the service's dependencies, handed to every handler (runtime.inbox.Apply)
        self._dlq = dlq_producer
        self._attempts = max(1, attempts)
        self._backoff = backoff_s
        self._contract_of = contract_of  # physical topic -> contract topic (tests use unique topic names)
        self._sources = {t: c for t, c in (sources or {}).items() if t not in self.handlers}  # reroute_sources
        self._handled = {contract_of(topic): topic for topic in self.handlers}  # contract topic -> physical
        # a dependency's outage: retried in place with a growing delay, for at most outage_wait_s per delivery
        # (well under Kafka's max poll interval), then handed back for redelivery with the offset kept
        self._outage_backoff = outage_backoff or Backoff()
        self._outage_wait_s = outage_wait_s
        self._waiting: set[str] = set()

    @property
    def topics(self) -> list[str]:
        """The topics to subscribe: the handlers' and the sources of rerouted messages."""
        return [*self.handlers, *self._sources]

    async def process(self, delivery: Delivery, value: bytes, headers: list[tuple[str, bytes]], key: bytes | None) -> Outcome:
        """Handle one Kafka record; never raises for a bad message."""
        started = time.perf_counter()
        outcome = await self._process(delivery, value, headers or [], key)
        labels = {"service": self.service, "topic": delivery.topic}
        HANDLER_LATENCY.labels(outcome=outcome.value, **labels).observe(time.perf_counter() - started)
        EVENTS_CONSUMED.labels(**labels).inc()
        if outcome is Outcome.DUPLICATE:
            INBOX_DUPLICATES.labels(**labels).inc()
        return outcome

    async def _process(self, delivery: Delivery, value: bytes, headers: list, key: bytes | None) -> Outcome:
        try:
            routed = self._route(delivery.topic, value, headers)
        except ContractError as exc:
            return await self._dead_letter(delivery, value, headers, key, exc, attempts=1)
        if routed is None:
            return Outcome.SKIPPED
        event, handler = routed
        token = context.correlation_id.set(event.correlation_id)
        try:
            with consume_span(delivery.topic, headers, consumer=self.name, event_id=str(event.event_id)):
                return await self._apply_with_retry(delivery, event, handler, value, headers, key)
        finally:
            context.correlation_id.reset(token)

    def _route(self, topic: str, value: bytes, headers: list) -> tuple[Event, Handler] | None:
        """The event a record is and the handler applying it; None when no handler of this consumer's does.
        A rerouted message (under its own event id: the inbox takes a redelivery for a duplicate) never reaches its
        own topic's handler."""
        contract = self._sources.get(topic) or self._contract_of(topic)
        moved = rerouted(contract, value, headers)
        if moved is not None:
            other, event = moved
            physical = self._handled.get(other)
            return (event, self.handlers[physical]) if physical is not None else None
        if topic not in self.handlers:
            return None
        return deserialize(contract, value, headers), self.handlers[topic]

    async def _apply_with_retry(self, delivery: Delivery, event: Event, handler: Handler, value: bytes, headers: list,
                                key: bytes | None) -> Outcome:
        """Apply with `attempts` tries for handler failures; a dependency's outage is waited out and costs no attempt."""
        attempt, waited = 1, 0.0
        while True:
            try:
                fresh = await apply_once(self.pool, self.name, delivery, event, handler, self.deps)
                self._outage_over()
                return Outcome.APPLIED if fresh else Outcome.DUPLICATE
            except PermanentError as exc:
                self._outage_over()
                return await self._dead_letter(delivery, value, headers, key, exc, attempts=attempt)
            except Exception as exc:  # noqa: BLE001 - outages are waited out, other failures retried then dead-lettered
                dependency = dependency_of(exc)
                if dependency is not None:
                    if waited >= self._outage_wait_s:
                        return Outcome.RETRY_LATER  # offset kept: redelivered after a pause, still waiting
                    waited += await self._wait_for(dependency, event, exc)
                    continue
                self._outage_over()  # the dependencies answered: whatever failed now is the handler's
                if attempt == self._attempts:
                    return await self._dead_letter(delivery, value, headers, key, exc, attempts=attempt)
                log.warning("attempt %d/%d of %s failed: %r", attempt, self._attempts, event.event_id, exc)
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
                attempt += 1

    async def _wait_for(self, dependency: str, event: Event, exc: BaseException) -> float:
        """Sleep the next outage delay (growing, bounded); return how long."""
        delay = self._outage_backoff.next_delay()
        self._waiting.add(dependency)
        DEPENDENCY_WAITING.labels(service=self.service, dependency=dependency).set(1)
        DEPENDENCY_WAITS.labels(service=self.service, dependency=dependency).inc()
        log.warning("%s unavailable while applying %s, retrying in %.1f s: %s", dependency, event.event_id, delay, exc)
        await asyncio.sleep(delay)
        return delay

    def _outage_over(self) -> None:
        self._outage_backoff.reset()
        for dependency in self._waiting:
            DEPENDENCY_WAITING.labels(service=self.service, dependency=dependency).set(0)
        self._waiting.clear()

    async def _dead_letter(self, delivery: Delivery, value: bytes, headers: list, key: bytes | None,
                           exc: BaseException, *, attempts: int) -> Outcome:
        reason = f"{type(exc).__name__}: {exc}"[:4000]
        extra = {
            "dlq_reason": reason,
            "dlq_error_type": type(exc).__name__,
            "dlq_consumer": self.name,
            "dlq_topic": delivery.topic,
            "dlq_partition": str(delivery.partition),
            "dlq_offset": str(delivery.offset),
            "dlq_attempts": str(attempts),
            "dlq_failed_at": datetime.now(timezone.utc).isoformat(),
        }
        kept = [(k, v) for k, v in headers if not k.startswith("dlq_")]
        try:
            await self._dlq.send_and_wait(
                f"{delivery.topic}.dlq", value, key=key,
                headers=kept + [(k, v.encode()) for k, v in extra.items()],
            )
        except Exception as send_exc:  # noqa: BLE001 - broker down: keep the message, retry later
            log.error("could not dead-letter %s@%s: %s", delivery.topic, delivery.offset, send_exc)
            return Outcome.RETRY_LATER
        EVENTS_DLQ.labels(service=self.service, topic=delivery.topic).inc()
        log.error("dead-lettered %s partition %s offset %s: %s", delivery.topic, delivery.partition, delivery.offset, reason)
        return Outcome.DEAD_LETTERED
