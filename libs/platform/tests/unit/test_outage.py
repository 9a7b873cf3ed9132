"""Telling a dependency's passing outage from a bug: real driver errors on closed ports, wrapped errors, backoff."""
import asyncio

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, MessageSizeTooLargeError
import urllib3
from minio.error import S3Error, ServerError

from runtime.outage import Backoff, DependencyUnavailable, dependency_of, is_outage
from runtime.storage import ObjectStore, StorageError, StorageUnavailable

CLOSED = "127.0.0.1:1"  # nothing listens on port 1: connection refused at once


async def raised(awaitable) -> BaseException:
    try:
        await awaitable
    except BaseException as exc:  # noqa: BLE001 - the error is what the test looks at
        return exc
    raise AssertionError("expected an error")


async def test_unreachable_database_is_a_database_outage():
    exc = await raised(asyncpg.connect(f"postgresql://nobody@{CLOSED}/none", timeout=2))
    assert dependency_of(exc) == "database"


async def test_unreachable_object_store_is_an_object_store_outage():
    store = ObjectStore(CLOSED, "key", "secret", "bucket")
    exc = await raised(store.get_bytes("sha256/aa/" + "a" * 64))
    assert isinstance(exc, StorageUnavailable) and "unreachable" in str(exc)
    assert dependency_of(exc) == "object store"


async def test_unreachable_broker_is_a_broker_outage():
    producer = AIOKafkaProducer(bootstrap_servers=CLOSED, request_timeout_ms=2000)
    try:
        exc = await raised(producer.start())
    finally:
        await producer.stop()
    assert dependency_of(exc) == "broker"


@pytest.mark.parametrize("exc", [
    asyncpg.CannotConnectNowError("the database system is shutting down"),
    asyncpg.AdminShutdownError("terminating connection due to administrator command"),
    asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    asyncpg.TooManyConnectionsError("sorry, too many clients already"),
])
def test_postgres_going_away_is_a_database_outage(exc):
    assert dependency_of(exc) == "database"


def s3_error(code: str, status: int) -> S3Error:
    response = urllib3.HTTPResponse(status=status)
    return S3Error(response, code, "message", "/bucket/key", "req", "host")


async def stored_error(exc: Exception) -> BaseException:
    """What the store raises when its SDK call fails with `exc`."""
    def call():
        raise exc

    return await raised(ObjectStore(CLOSED, "key", "secret", "bucket")._call(call))


async def test_object_store_5xx_is_an_outage_and_4xx_is_not():
    assert dependency_of(await stored_error(s3_error("InternalError", 503))) == "object store"
    assert dependency_of(await stored_error(ServerError("bad gateway", 502))) == "object store"
    refused = await stored_error(s3_error("AccessDenied", 403))
    assert isinstance(refused, StorageError) and dependency_of(refused) is None


class ExtractionFailed(Exception):
    pass


async def test_a_wrapped_outage_stays_an_outage():
    store = ObjectStore(CLOSED, "key", "secret", "bucket")
    try:
        try:
            await store.get_bytes("sha256/aa/" + "a" * 64)
        except StorageError as exc:
            raise ExtractionFailed("cannot read the document") from exc
    except ExtractionFailed as wrapped:
        assert dependency_of(wrapped) == "object store"


async def test_a_handlers_own_timeout_or_bug_is_no_outage():
    timeout = await raised(asyncio.wait_for(asyncio.sleep(1), 0.01))
    assert isinstance(timeout, TimeoutError) and not is_outage(timeout)
    assert not is_outage(ConnectionRefusedError(111, "raised by the handler itself, not by a driver"))
    assert not is_outage(FileNotFoundError(2, "no such file"))
    assert not is_outage(ValueError("account 6xxx missing"))
    assert not is_outage(KeyError("total"))
    assert not is_outage(MessageSizeTooLargeError())  # a Kafka error that retrying does not fix


def test_an_exception_group_is_an_outage_only_when_all_of_it_is():
    outage = asyncpg.CannotConnectNowError("starting")
    assert dependency_of(ExceptionGroup("tasks", [outage, asyncpg.AdminShutdownError("stop")])) == "database"
    assert dependency_of(ExceptionGroup("tasks", [outage, ValueError("bug")])) is None
    assert dependency_of(KafkaConnectionError("down")) == "broker"


def test_backoff_doubles_up_to_its_ceiling_and_resets():
    backoff = Backoff(first=1.0, ceiling=30.0)
    assert [backoff.next_delay() for _ in range(7)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    backoff.reset()
    assert backoff.next_delay() == 1.0


def test_an_adapter_names_an_unreachable_external_system_as_an_outage():
    """A service's adapter (sync-connector's Tryton) says its external system is down: waited out like the database,
    even when raised from an HTTP client the runtime does not know; a plain handler ConnectionError is not."""

    class AccountingDown(DependencyUnavailable):
        dependency = "accounting software"

    try:
        try:
            raise ConnectionRefusedError(111, "refused")
        except ConnectionRefusedError as inner:
            raise AccountingDown("Tryton unreachable") from inner
    except AccountingDown as exc:
        assert dependency_of(exc) == "accounting software" and is_outage(exc)
    assert not is_outage(ConnectionError("a handler's own"))
