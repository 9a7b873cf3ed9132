"""Ingest's unit of work on Postgres (runtime.unit_of_work): the documents, mails and dossiers repositories in one
transaction; on commit, the outbox rows of the events the documents recorded, then of the published ones."""
from __future__ import annotations

import asyncpg
from contracts.envelope import Event
from runtime.unit_of_work import PgUnitOfWork as _PgUnitOfWork

from ingest.adapters.documents import PgDocuments
from ingest.adapters.mails import PgMails
from ingest.adapters.outbound import contract_event
from ingest.adapters.replica import PgDossiers


class PgUnitOfWork(_PgUnitOfWork):
    """Implements domain.ports.UnitOfWork: ``PgUnitOfWork(pool)`` takes a connection and its own transaction;
    ``PgUnitOfWork.within(conn)`` works in the caller's (a Kafka handler's inbox transaction)."""

    source = "ingest"

    def bind(self, conn: asyncpg.Connection) -> None:
        self.documents = PgDocuments(conn)
        self.mails = PgMails(conn)
        self.dossiers = PgDossiers(conn)

    async def collect(self) -> list[Event]:
        """The contract events of what the documents recorded, in order, then the published ones (drained)."""
        found = []
        for doc in self.documents.seen():
            found += [contract_event(doc, recorded) for recorded in doc.events]
            doc.events.clear()
        return found + self.drain_published()
