"""The unit of work on Postgres: one transaction over the repositories; on commit, the outbox rows of the events
the proposals' changes recorded (and of published ones) are written in that same transaction (transactional outbox)."""
from __future__ import annotations

from types import TracebackType

import asyncpg
from contracts.envelope import Event
from runtime.outbox import enqueue

from worklist.adapters.repositories import PgDocuments, PgFailures, PgMasterData, PgProposals

SOURCE = "worklist"


class PgUnitOfWork:
    """Implements domain.ports.UnitOfWork: ``PgUnitOfWork(pool)`` takes a connection and its own transaction;
    ``PgUnitOfWork.within(conn)`` works in the caller's (a Kafka handler's inbox transaction)."""

    def __init__(self, pool: asyncpg.Pool | None = None, *, conn: asyncpg.Connection | None = None) -> None:
        self._pool, self._conn = pool, conn
        self._acquired: asyncpg.pool.PoolAcquireContext | None = None
        self._transaction: asyncpg.transaction.Transaction | None = None
        self._published: list[Event] = []

    @classmethod
    def within(cls, conn: asyncpg.Connection) -> PgUnitOfWork:
        return cls(conn=conn)

    async def __aenter__(self) -> PgUnitOfWork:
        if self._pool is not None:
            self._acquired = self._pool.acquire()
            self._conn = await self._acquired.__aenter__()
            try:
                self._transaction = self._conn.transaction()
                await self._transaction.__aenter__()
            except BaseException:
                await self._acquired.__aexit__(None, None, None)
                self._acquired, self._conn, self._transaction = None, None, None
                raise
        assert self._conn is not None, "a unit of work needs a pool or a connection"
        self.proposals = PgProposals(self._conn)
        self.documents = PgDocuments(self._conn)
        self.master = PgMasterData(self._conn)
        self.failures = PgFailures(self._conn)
        self._published = []
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        """Outbox rows, then commit; a failure of the block (or of writing the rows) rolls everything back."""
        try:
            if error is None:
                try:
                    for event in self.collect():
                        await enqueue(self._conn, event, source=SOURCE)
                except BaseException as failed:
                    kind, error, trace = type(failed), failed, failed.__traceback__
                    raise
                finally:
                    await self._end(kind, error, trace)
            else:
                await self._end(kind, error, trace)
        finally:
            if self._acquired is not None:
                await self._acquired.__aexit__(None, None, None)
                self._acquired, self._conn, self._transaction = None, None, None

    async def _end(self, kind: type[BaseException] | None, error: BaseException | None,
                   trace: TracebackType | None) -> None:
        if self._transaction is not None:
            await self._transaction.__aexit__(kind, error, trace)  # commit, or roll back on an error

    def publish(self, event: Event) -> None:
        self._published.append(event)

    def collect(self) -> list[Event]:
        """The events the proposals' changes recorded, in order, then the published ones (drained)."""
        found = self.proposals.recorded() + self._published
        self._published = []
        return found
