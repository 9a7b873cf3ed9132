"""Office's unit of work on Postgres (runtime.unit_of_work): the office's repositories in one transaction; on
commit, the DossierChanged rows of the changes recorded are written to the outbox in that same transaction."""
from __future__ import annotations

from collections.abc import Iterable

import asyncpg
from contracts.envelope import Event
from runtime.unit_of_work import PgUnitOfWork as _PgUnitOfWork

from office.adapters import events
from office.adapters.accounts import PgAccounts
from office.adapters.activity import PgActivity
from office.adapters.api_keys import PgApiKeys
from office.adapters.credentials import PgCredentials
from office.adapters.dossiers import PgDossiers
from office.adapters.groups import PgGroups
from office.adapters.news import PgNews
from office.adapters.offices import PgOffices
from office.adapters.signing_keys import PgSigningKeys
from office.domain.office import Office

Recorded = tuple[Office, tuple[str, ...], str, str | None]


class PgUnitOfWork(_PgUnitOfWork):
    """Implements domain.ports.UnitOfWork: ``PgUnitOfWork(pool)`` takes a connection and its own transaction;
    ``PgUnitOfWork.within(conn)`` works in the caller's (a Kafka handler's inbox transaction)."""

    source = events.SOURCE

    def bind(self, conn: asyncpg.Connection) -> None:
        self.offices = PgOffices(conn)
        self.dossiers = PgDossiers(conn)
        self.accounts = PgAccounts(conn)
        self.api_keys = PgApiKeys(conn)
        self.credentials = PgCredentials(conn)
        self.groups = PgGroups(conn)
        self.news = PgNews(conn)
        self.activity = PgActivity(conn)
        self.signing_keys = PgSigningKeys(conn)
        self._recorded: list[Recorded] = []

    async def write(self, conn: asyncpg.Connection, event: Event) -> None:
        await events.write(conn, event)  # the office's one way to the outbox

    def dossier_changed(self, office: Office, dossier_ids: Iterable[str], change: str, actor: str | None) -> None:
        self._recorded.append((office, tuple(dossier_ids), change, actor))

    async def collect(self) -> list[Event]:
        """The DossierChanged events of the recorded changes, in order, with the snapshots as they are now
        (drained), then the published ones."""
        recorded, self._recorded = self._recorded, []
        found: list[Event] = []
        for office, ids, change, actor in recorded:
            found += await events.changed_events(self.dossiers, office, ids, change, actor)
        return found + self.drain_published()
