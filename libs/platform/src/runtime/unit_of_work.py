"""The unit of work on Postgres, shared by the services: one transaction over a service's repositories; on commit,
the outbox rows of the events the block recorded are written in that same transaction (transactional outbox).

A service subclasses `PgUnitOfWork`, names its `source`, builds its repositories on the connection in `bind` and says
which events the block recorded in `collect` (by default only what was `publish`ed):

    class IngestUnitOfWork(PgUnitOfWork):
        source = "ingest"

        def bind(self, conn):
            self.documents = PgDocuments(conn)

        async def collect(self):
            return [contract_event(doc, e) for doc in self.documents.seen() for e in doc.drain()] + self.drain_published()

``IngestUnitOfWork(pool)`` takes a connection and its own transaction; ``IngestUnitOfWork.within(conn)`` works in
the caller's (a Kafka handler's inbox transaction), which the caller commits."""
from __future__ import annotations

from types import TracebackType
from typing import Self

import asyncpg
from contracts.envelope import Event

from runtime.outbox import enqueue


class PgUnitOfWork:
    source: str = ""

    def __init__(self, pool: asyncpg.Pool | None = None, *, conn: asyncpg.Connection | None = None) -> None:
        if pool is None and conn is None:
            raise ValueError("a unit of work needs a pool or a connection")
        self._pool, self._conn = pool, conn
        self._acquired: asyncpg.pool.PoolAcquireContext | None = None
        self._transaction: asyncpg.transaction.Transaction | None = None
        self._published: list[Event] = []

    @classmethod
    def within(cls, conn: asyncpg.Connection) -> Self:
        return cls(conn=conn)

    @property
    def connection(self) -> asyncpg.Connection:
        assert self._conn is not None, "the unit of work is not entered"
        return self._conn

    def bind(self, conn: asyncpg.Connection) -> None:
        """Build the service's repositories on `conn` (called on entering)."""

    async def collect(self) -> list[Event]:
        """The events to write to the outbox, in order (drained); by default the published ones."""
        return self.drain_published()

    async def write(self, conn: asyncpg.Connection, event: Event) -> None:
        """One outbox row; a service overrides it when it names its topics itself."""
        await enqueue(conn, event, source=self.source)

    def publish(self, event: Event) -> None:
        self._published.append(event)

    def drain_published(self) -> list[Event]:
        published, self._published = self._published, []
        return published

    async def __aenter__(self) -> Self:
        if self._pool is not None:
            self._acquired = self._pool.acquire()
            self._conn = await self._acquired.__aenter__()
            try:
                self._transaction = self._conn.transaction()
                await self._transaction.__aenter__()
            except BaseException:
                await self._release()
                raise
        self._published = []
        self.bind(self.connection)
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        """Outbox rows, then commit; a failure of the block (or of writing the rows) rolls everything back."""
        try:
            if error is None:
                try:
                    for event in await self.collect():
                        await self.write(self.connection, event)
                except BaseException as failed:
                    kind, error, trace = type(failed), failed, failed.__traceback__
                    raise
                finally:
                    await self._end(kind, error, trace)
            else:
                await self._end(kind, error, trace)
        finally:
            await self._release()

    async def _end(self, kind: type[BaseException] | None, error: BaseException | None,
                   trace: TracebackType | None) -> None:
        if self._transaction is not None:
            await self._transaction.__aexit__(kind, error, trace)  # commit, or roll back on an error

    async def _release(self) -> None:
        if self._acquired is not None:
            acquired, self._acquired = self._acquired, None
            self._conn, self._transaction = None, None
            await acquired.__aexit__(None, None, None)
