"""EventConsumer outcomes with fakes: applied once, duplicates, retries, dead letters, infra outages."""
import contextlib
import uuid

import asyncpg
import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.events import SyncRequested

from runtime.consumer import EventConsumer, Outcome
from runtime.errors import PermanentError
from runtime.inbox import Delivery

TOPIC = "sync.requested"


class FakeConnection:
    def __init__(self, inbox: set):
        self.inbox = inbox

    def transaction(self):
        return _AsyncNull()

    async def fetchval(self, sql, event_id, consumer, topic):
        if (consumer, event_id) in self.inbox:
            return None
        self.inbox.add((consumer, event_id))
        return True


class _AsyncNull:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


class FakePool:
    """Enough of asyncpg.Pool for apply_once; rolls back the inbox row when the handler raises."""

    def __init__(self):
        self.inbox: set = set()

    @contextlib.asynccontextmanager
    async def acquire(self):
        before = set(self.inbox)
        try:
            yield FakeConnection(self.inbox)
        except BaseException:
            self.inbox.clear()
            self.inbox.update(before)
            raise


class FakeProducer:
    def __init__(self, fail=False):
        self.sent, self.fail = [], fail

    async def send_and_wait(self, topic, value, key=None, headers=None):
        if self.fail:
            raise ConnectionError("broker unreachable")
        self.sent.append((topic, value, key, dict(headers)))


def message(**overrides):
    event = SyncRequested.model_validate({
        "correlation_id": "c-1", "office_id": str(uuid.uuid4()), "dossier_id": str(uuid.uuid4()),
        "reason": "manual", **overrides,
    })
    return event, serialize(event), to_headers(event, source="/services/test")


def consumer(handler, producer=None, attempts=3):
    return EventConsumer(FakePool(), producer or FakeProducer(), service="t", name="g",
                         handlers={TOPIC: handler}, attempts=attempts, backoff_s=0)


DELIVERY = Delivery(TOPIC, 0, 7)


async def test_applies_once_and_reports_the_redelivery_as_duplicate():
    seen = []

    async def handler(conn, event):
        seen.append(event.event_id)

    c = consumer(handler)
    event, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.APPLIED
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.DUPLICATE
    assert seen == [event.event_id]


async def test_undecodable_message_goes_to_the_dlq_with_its_reason():
    producer = FakeProducer()
    c = consumer(lambda conn, event: None, producer)
    assert await c.process(DELIVERY, b"\xff garbage", [], b"k") is Outcome.DEAD_LETTERED
    (topic, value, key, headers) = producer.sent[0]
    assert topic == "sync.requested.dlq" and value == b"\xff garbage" and key == b"k"
    assert headers["dlq_error_type"] == b"ContractError"
    assert headers["dlq_offset"] == b"7"


async def test_handler_error_is_retried_then_dead_lettered():
    calls = []

    async def handler(conn, event):
        calls.append(1)
        raise ValueError("account 6xxx missing")

    producer = FakeProducer()
    c = consumer(handler, producer, attempts=3)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.DEAD_LETTERED
    assert len(calls) == 3
    assert b"account 6xxx missing" in producer.sent[0][3]["dlq_reason"]
    assert producer.sent[0][3]["dlq_attempts"] == b"3"


async def test_handler_that_succeeds_on_retry_is_applied_once():
    calls = []

    async def handler(conn, event):
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("transient")

    c = consumer(handler)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.APPLIED
    assert len(c.pool.inbox) == 1


async def test_permanent_error_skips_the_retries():
    calls = []

    async def handler(conn, event):
        calls.append(1)
        raise PermanentError("period closed")

    c = consumer(handler)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.DEAD_LETTERED
    assert calls == [1]


@pytest.mark.parametrize("exc", [ConnectionRefusedError("db down"), asyncpg.CannotConnectNowError("starting")])
async def test_infrastructure_failure_keeps_the_message_for_later(exc):
    async def handler(conn, event):
        raise exc

    producer = FakeProducer()
    c = consumer(handler, producer)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.RETRY_LATER
    assert producer.sent == [] and c.pool.inbox == set()


async def test_unreachable_dlq_keeps_the_message_for_later():
    c = consumer(lambda conn, event: None, FakeProducer(fail=True))
    assert await c.process(DELIVERY, b"garbage", [], b"k") is Outcome.RETRY_LATER
