"""The unit of work in memory (domain.ports.UnitOfWork) over the memory repositories."""
from __future__ import annotations

import copy
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from contracts.envelope import Event

from office.adapters.events import changed_events
from office.domain.office import Office

from .accounts import MemoryAccounts
from .activity import MemoryActivity
from .api_keys import MemoryApiKeys
from .credentials import MemoryCredentials, RefreshRow
from .dossiers import MemoryDossiers
from .groups import MemoryGroups
from .news import MemoryNews
from .offices import MemoryOffices
from .signing_keys import MemorySigningKeys


class MemoryUnitOfWork:
    """Implements domain.ports.UnitOfWork in memory; calling it gives itself, so it stands in for a factory of
    units of work (Deps.unit_of_work). ``published`` keeps what was committed to the "outbox"; a block that raises
    leaves the repositories as they were."""

    def __init__(self) -> None:
        refresh: dict[bytes, RefreshRow] = {}
        self.offices = MemoryOffices()
        self.dossiers = MemoryDossiers()
        self.accounts = MemoryAccounts(self.dossiers.accounts, self.dossiers.created, refresh)
        self.credentials = MemoryCredentials(refresh)
        self.api_keys = MemoryApiKeys()
        self.groups = MemoryGroups(self.dossiers)
        self.news = MemoryNews()
        self.activity = MemoryActivity(self.dossiers)
        self.signing_keys = MemorySigningKeys()
        self.published: list[Event] = []
        self.commits = 0
        self._recorded: list[tuple[Office, tuple[str, ...], str, str | None]] = []
        self._pending: list[Event] = []
        self._before: tuple[dict[str, Any], ...] = ()

    def __call__(self) -> MemoryUnitOfWork:
        return self

    def _repositories(self) -> tuple[Any, ...]:
        return (self.offices, self.dossiers, self.accounts, self.credentials, self.api_keys, self.groups, self.news,
                self.activity, self.signing_keys)

    async def __aenter__(self) -> MemoryUnitOfWork:
        # one copy of all: the accounts the dossiers and the accounts repository share stay shared
        self._before = copy.deepcopy(tuple(r.__dict__ for r in self._repositories()))
        self._recorded, self._pending = [], []
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if error is not None:
            for repository, before in zip(self._repositories(), self._before):
                repository.__dict__.update(before)
            self._recorded, self._pending = [], []
            return
        recorded, self._recorded = self._recorded, []
        for office, ids, change, actor in recorded:
            self.published += await changed_events(self.dossiers, office, ids, change, actor)
        self.published += self._pending
        self._pending = []
        self.commits += 1

    def dossier_changed(self, office: Office, dossier_ids: Iterable[str], change: str, actor: str | None) -> None:
        self._recorded.append((office, tuple(dossier_ids), change, actor))

    def publish(self, event: Event) -> None:
        """Publish an event with the block's changes (after the DossierChanged ones, as on Postgres)."""
        self._pending.append(event)
