"""The unit of work on Postgres: one transaction over the repositories; on commit, the DossierChanged rows of the
changes recorded are written to the outbox in that same transaction (transactional outbox)."""
from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

import asyncpg
from contracts.envelope import Event

from office.adapters import events
from office.adapters.accounts import PgAccounts
from office.adapters.api_keys import PgApiKeys
from office.adapters.dossiers import PgDossiers
from office.domain.ports import Office

Recorded = tuple[Office, tuple[str, ...], str, str | None]


class PgUnitOfWork:
    """Implements domain.ports.UnitOfWork: ``PgUnitOfWork(pool)`` takes a connection and its own transaction;
    ``PgUnitOfWork.within(conn)`` works in the caller's (a Kafka handler's inbox transaction)."""

    def __init__(self, pool: asyncpg.Pool | None = None, *, conn: asyncpg.Connection | None = None) -> None:
        self._pool, self._conn = pool, conn
        self._acquired: asyncpg.pool.PoolAcquireContext | None = None
        self._transaction: asyncpg.transaction.Transaction | None = None
        self._recorded: list[Recorded] = []

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
        self.dossiers = PgDossiers(self._conn)
        self.accounts = PgAccounts(self._conn)
        self.api_keys = PgApiKeys(self._conn)
        self._recorded = []
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        """Outbox rows, then commit; a failure of the block (or of writing the rows) rolls everything back."""
        try:
            if error is None:
                try:
                    for event in await self.collect():
                        await events.write(self._conn, event)
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

    def dossier_changed(self, office: Office, dossier_ids: Iterable[str], change: str, actor: str | None) -> None:
        self._recorded.append((office, tuple(dossier_ids), change, actor))

    async def collect(self) -> list[Event]:
        """The DossierChanged events of the recorded changes, in order, with the snapshots as they are now
        (drained)."""
        recorded, self._recorded = self._recorded, []
        found: list[Event] = []
        for office, ids, change, actor in recorded:
            found += await events.changed_events(self.dossiers, office, ids, change, actor)
        return found
