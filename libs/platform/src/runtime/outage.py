"""Passing outages of a dependency (database, object store, broker): told apart from bugs, waited out.

A connection refused or reset, a timeout inside a driver, a Postgres shutting down or an object
store answering 5xx say nothing about the message or request being handled: the same work
succeeds once the dependency is back. Consumers wait such outages out with a growing, bounded
delay instead of spending their attempts and dead-lettering; HTTP answers ``503`` with
``Retry-After`` instead of ``500``. Anything else (a handler's bug, bad content) is not an outage.
"""
from __future__ import annotations

import errno
import logging
from types import TracebackType
from typing import TYPE_CHECKING

from prometheus_client import Counter, Gauge

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5

DEPENDENCY_WAITING = Gauge(
    "bf_dependency_waiting", "1 while a consumer waits for an unavailable dependency, else 0.",
    ["service", "dependency"],
)
DEPENDENCY_WAITS = Counter(
    "bf_dependency_waits", "Retries a consumer made after waiting for an unavailable dependency.",
    ["service", "dependency"],
)
DEPENDENCY_UNAVAILABLE_HTTP = Counter(
    "bf_dependency_unavailable_responses", "HTTP requests answered 503 because a dependency was unavailable.",
    ["service", "dependency"],
)

# Driver packages whose socket errors are outages of the dependency they speak to.
_DRIVERS = {"asyncpg": "database", "aiokafka": "broker", "kafka": "broker", "minio": "object store",
            "urllib3": "object store", "runtime.storage": "object store", "runtime.db": "database"}
_UNREACHABLE_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.ECONNABORTED, errno.EPIPE, errno.ETIMEDOUT,
                       errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN}


class DependencyUnavailable(ConnectionError):
    """An adapter's word that an external system it needs (e.g. the accounting software) cannot be reached now:
    an outage to wait out like the database's, named by `dependency`. Subclass it for such errors."""

    dependency = "external system"


def dependency_of(exc: BaseException) -> str | None:
    """The dependency ("database", "object store", "broker") whose outage `exc` is, or None if it is no outage.

    Follows explicit causes (``raise X from Y``), so a service wrapping a driver's error keeps it an outage.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _classify(current)
        if found:
            return found
        current = current.__cause__
    return None


def _classify(exc: BaseException) -> str | None:
    if isinstance(exc, BaseExceptionGroup):
        found = {dependency_of(inner) for inner in exc.exceptions}
        return found.pop() if len(found) == 1 and None not in found else None
    if isinstance(exc, DependencyUnavailable):
        return exc.dependency
    return _database(exc) or _object_store(exc) or _broker(exc) or _socket(exc)


def _database(exc: BaseException) -> str | None:
    import asyncpg  # local: keep this module importable without drivers

    outage = (asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError, asyncpg.AdminShutdownError,
              asyncpg.CrashShutdownError, asyncpg.TooManyConnectionsError)
    if isinstance(exc, outage):
        return "database"
    if isinstance(exc, asyncpg.InterfaceError) and "pool is closing" not in str(exc) and "closed" in str(exc):
        return "database"  # "connection is closed": the server went away under an idle pooled connection
    return None


def _object_store(exc: BaseException) -> str | None:
    from runtime.storage import StorageUnavailable

    return "object store" if isinstance(exc, StorageUnavailable) else None


def _broker(exc: BaseException) -> str | None:
    from aiokafka.errors import KafkaConnectionError, KafkaError, KafkaTimeoutError

    if isinstance(exc, (KafkaConnectionError, KafkaTimeoutError)):
        return "broker"
    return "broker" if isinstance(exc, KafkaError) and exc.retriable else None


def _socket(exc: BaseException) -> str | None:
    """A socket-level failure counts only when raised inside a driver: a handler's own timeout is no outage."""
    unreachable = isinstance(exc, (ConnectionError, TimeoutError)) or (isinstance(exc, OSError) and (
        exc.errno in _UNREACHABLE_ERRNOS or "Connect call failed" in str(exc)))  # asyncio's "Multiple exceptions"
    return _driver_in(exc.__traceback__) if unreachable else None


def _driver_in(tb: TracebackType | None) -> str | None:
    found = None
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        for prefix, dependency in _DRIVERS.items():
            if module == prefix or module.startswith(prefix + "."):
                found = dependency  # the innermost driver frame names the dependency
        tb = tb.tb_next
    return found


def is_outage(exc: BaseException) -> bool:
    """True when `exc` is a passing outage of a dependency, to be waited out rather than counted against a message."""
    return dependency_of(exc) is not None


class Backoff:
    """A growing, bounded delay: `first` seconds, doubled after each failure up to `ceiling`; reset on success."""

    def __init__(self, first: float = 1.0, ceiling: float = 30.0) -> None:
        self.first, self.ceiling = first, ceiling
        self._next = first

    def next_delay(self) -> float:
        delay, self._next = self._next, min(self._next * 2, self.ceiling)
        return delay

    def reset(self) -> None:
        self._next = self.first


def install_outage_handlers(app: "FastAPI") -> None:
    """Answer a dependency's passing outage with 503 + Retry-After in the house error shape; other errors pass on."""
    import asyncpg
    from aiokafka.errors import KafkaError

    from runtime.storage import StorageError

    for kind in (OSError, StorageError, asyncpg.PostgresError, asyncpg.InterfaceError, KafkaError):
        app.add_exception_handler(kind, _on_possible_outage)


async def _on_possible_outage(request: "Request", exc: Exception) -> "JSONResponse":
    dependency = dependency_of(exc)
    if dependency is None:
        raise exc  # not an outage: the generic handler answers 500 and logs it
    from runtime.http import error_response

    service = getattr(request.app.state, "service", "unknown")
    DEPENDENCY_UNAVAILABLE_HTTP.labels(service=service, dependency=dependency).inc()
    log.warning("%s unavailable on %s %s: %s", dependency, request.method, request.url.path, exc)
    response = error_response(
        503, "unavailable", f"the {dependency} is briefly unavailable; try again in a few seconds",
        dependency=dependency, retry_after=RETRY_AFTER_S,
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response
