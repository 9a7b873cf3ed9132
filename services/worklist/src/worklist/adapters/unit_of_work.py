"""Worklist's unit of work on Postgres (runtime.unit_of_work): proposals, documents, master data and failures in
one transaction; on commit, the outbox rows of the events the proposals' changes recorded, then of published ones."""
from __future__ import annotations

import asyncpg
from contracts.envelope import Event
from runtime.unit_of_work import PgUnitOfWork as _PgUnitOfWork

from worklist.adapters.repositories import PgDocuments, PgFailures, PgMasterData, PgProposals


class PgUnitOfWork(_PgUnitOfWork):
    """Implements domain.ports.UnitOfWork: ``PgUnitOfWork(pool)`` takes a connection and its own transaction;
    ``PgUnitOfWork.within(conn)`` works in the caller's (a Kafka handler's inbox transaction)."""

    source = "worklist"

    def bind(self, conn: asyncpg.Connection) -> None:
        self.proposals = PgProposals(conn)
        self.documents = PgDocuments(conn)
        self.master = PgMasterData(conn)
        self.failures = PgFailures(conn)

    async def collect(self) -> list[Event]:
        """The events the proposals' changes recorded, in order, then the published ones (drained)."""
        return self.proposals.recorded() + self.drain_published()
