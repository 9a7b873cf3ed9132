"""EventConsumer outcomes with fakes: applied once, duplicates, retries, dead letters, infra outages."""
import uuid
from pathlib import Path

import asyncpg
import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.events import SyncRequested

from prometheus_client import REGISTRY

from runtime.consumer import EventConsumer, Outcome
from runtime.errors import PermanentError
from runtime.inbox import Delivery
from runtime.outage import Backoff
from runtime.storage import ObjectStore, http_pool
from runtime.testing import load_beside

TOPIC = "sync.requested"
_FAKES = load_beside(Path(__file__).resolve().parent / "consumer_fakes.py")
FakeConnection, FakePool, FakeProducer = _FAKES.FakeConnection, _FAKES.FakePool, _FAKES.FakeProducer


def message(**overrides):
    event = SyncRequested.model_validate({
        "correlation_id": "c-1", "office_id": str(uuid.uuid4()), "dossier_id": str(uuid.uuid4()),
        "reason": "manual", **overrides,
    })
    return event, serialize(event), to_headers(event, source="/services/test")


def consumer(handler, producer=None, attempts=3, **options):
    return EventConsumer(FakePool(), producer or FakeProducer(), service="t", name="g",
                         handlers={TOPIC: handler}, attempts=attempts, backoff_s=0, **options)


async def refused_database(conn, event, deps):
    """A handler whose database is down: the real error asyncpg raises on a closed port."""
    await asyncpg.connect("postgresql://nobody@127.0.0.1:1/none", timeout=2)


DELIVERY = Delivery(TOPIC, 0, 7)


async def test_applies_once_and_reports_the_redelivery_as_duplicate():
    seen = []

    async def handler(conn, event, deps):
        seen.append(event.event_id)

    c = consumer(handler)
    event, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.APPLIED
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.DUPLICATE
    assert seen == [event.event_id]


async def test_undecodable_message_goes_to_the_dlq_with_its_reason():
    producer = FakeProducer()
    c = consumer(lambda conn, event, deps: None, producer)
    assert await c.process(DELIVERY, b"\xff garbage", [], b"k") is Outcome.DEAD_LETTERED
    (topic, value, key, headers) = producer.sent[0]
    assert topic == "sync.requested.dlq" and value == b"\xff garbage" and key == b"k"
    assert headers["dlq_error_type"] == b"ContractError"
    assert headers["dlq_offset"] == b"7"


async def test_handler_error_is_retried_then_dead_lettered():
    calls = []

    async def handler(conn, event, deps):
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

    async def handler(conn, event, deps):
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("transient")

    c = consumer(handler)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.APPLIED
    assert len(c.pool.inbox) == 1


async def test_permanent_error_skips_the_retries():
    calls = []

    async def handler(conn, event, deps):
        calls.append(1)
        raise PermanentError("period closed")

    c = consumer(handler)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.DEAD_LETTERED
    assert calls == [1]


async def starting_database(conn, event, deps):
    raise asyncpg.CannotConnectNowError("the database system is starting up")


@pytest.mark.parametrize("handler", [refused_database, starting_database])
async def test_infrastructure_failure_keeps_the_message_for_later(handler):
    producer = FakeProducer()
    c = consumer(handler, producer, outage_wait_s=0)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.RETRY_LATER
    assert producer.sent == [] and c.pool.inbox == set()


async def test_unreachable_dlq_keeps_the_message_for_later():
    c = consumer(lambda conn, event, deps: None, FakeProducer(fail=True))
    assert await c.process(DELIVERY, b"garbage", [], b"k") is Outcome.RETRY_LATER


async def unreachable_store(conn, event, deps):
    """A handler whose object store is down: the real error of the store on a closed port."""
    await ObjectStore("127.0.0.1:1", "key", "secret", "bucket", pool=http_pool(retries=0)).get_bytes("sha256/aa/" + "a" * 64)


def waits(dependency):
    return REGISTRY.get_sample_value("bf_dependency_waits_total", {"service": "t", "dependency": dependency}) or 0


@pytest.mark.parametrize(("outage", "dependency"), [(refused_database, "database"), (unreachable_store, "object store")])
async def test_an_outage_is_waited_out_without_spending_attempts(outage, dependency):
    calls = []

    async def handler(conn, event, deps):
        calls.append(1)
        if len(calls) <= 5:  # more failures than the 3 attempts a handler bug gets
            await outage(conn, event, deps)

    producer, before = FakeProducer(), waits(dependency)
    c = consumer(handler, producer, attempts=3, outage_backoff=Backoff(first=0.01, ceiling=0.04))
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.APPLIED
    assert len(calls) == 6 and producer.sent == [] and len(c.pool.inbox) == 1
    assert waits(dependency) - before == 5
    assert REGISTRY.get_sample_value("bf_dependency_waiting", {"service": "t", "dependency": dependency}) == 0


async def test_a_long_outage_hands_the_message_back_still_waiting():
    producer = FakeProducer()
    c = consumer(unreachable_store, producer, outage_backoff=Backoff(first=0.05, ceiling=0.1), outage_wait_s=0.3)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.RETRY_LATER
    assert producer.sent == [] and c.pool.inbox == set()
    assert REGISTRY.get_sample_value("bf_dependency_waiting", {"service": "t", "dependency": "object store"}) == 1


async def test_a_handler_bug_after_an_outage_still_goes_to_the_dlq_after_its_attempts():
    calls = []

    async def handler(conn, event, deps):
        calls.append(1)
        if len(calls) <= 2:
            await refused_database(conn, event, deps)
        raise ValueError("account 6xxx missing")

    producer = FakeProducer()
    c = consumer(handler, producer, attempts=3, outage_backoff=Backoff(first=0.01, ceiling=0.02))
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.DEAD_LETTERED
    assert len(calls) == 5 and producer.sent[0][3]["dlq_attempts"] == b"3"
    assert REGISTRY.get_sample_value("bf_dependency_waiting", {"service": "t", "dependency": "database"}) == 0


async def test_every_handler_gets_the_deps_the_consumer_was_given():
    given, seen = object(), []

    async def handler(conn, event, deps):
        seen.append(deps)

    c = EventConsumer(FakePool(), FakeProducer(), service="t", name="g", handlers={TOPIC: handler}, deps=given)
    _, value, headers = message()
    assert await c.process(DELIVERY, value, headers, b"k") is Outcome.APPLIED
    assert seen == [given]
