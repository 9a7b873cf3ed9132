"""The repositories and the unit of work in memory: for unit tests of the use cases; kept in step with Postgres by
one contract suite (tests/worklist_repository_contract.py)."""
from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from types import TracebackType
from typing import Any
from uuid import UUID

from contracts.envelope import Event
from contracts.events.ledger import MasterData as LedgerMasterData

from worklist.domain.choices import MASTER_KINDS, Choices, choices_of, counterparty_search_text
from worklist.domain.listing import ListQuery
from worklist.domain.proposal import snapshot
from worklist.domain.records import (Change, Counters, DocumentFile, Failure, Neighbours, Page, PermanentDossier,
                                     Proposal, Version)
from worklist.domain.statuses import ALL

import worklist_memory_lists


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _jsonable(value: Any) -> Any:
    """As jsonb gives it back: UUIDs and dates as text."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


class MemoryProposals:
    """Implements domain.ports.Proposals in dictionaries; hands out copies, as a database would."""

    def __init__(self, documents: MemoryDocuments | None = None) -> None:
        self.documents = documents  # the files the permanent dossier names
        self.rows: dict[UUID, Proposal] = {}
        self.versions: dict[tuple[UUID, int], Version] = {}
        self._events: list[Event] = []

    def _out(self, found: Proposal | None) -> Proposal | None:
        return None if found is None else copy.deepcopy(found)

    async def add(self, proposal: Proposal, *, replace_untouched: bool = True) -> bool:
        known = self.rows.get(proposal.proposal_id)
        if known is not None and not (replace_untouched and known.untouched):
            return False
        now = _now()
        created = known.created_at if known is not None else proposal.created_at or now
        self.rows[proposal.proposal_id] = replace(copy.deepcopy(proposal), version=1, created_at=created,
                                                  updated_at=proposal.updated_at or now)
        return True

    async def get(self, dossier_id: UUID, proposal_id: UUID, *, lock: bool = False) -> Proposal | None:
        found = self.rows.get(proposal_id)
        live = found is not None and found.dossier_id == dossier_id and found.deleted_at is None
        return self._out(found if live else None)

    async def get_any(self, proposal_id: UUID, *, lock: bool = False) -> Proposal | None:
        return self._out(self.rows.get(proposal_id))

    async def update(self, before: Proposal, change: Change) -> Proposal:
        if change.action is not None:
            self.versions.setdefault((before.proposal_id, before.version), Version(
                before.proposal_id, before.version, change.action, _jsonable(change.actor) if change.actor else None,
                _now(), _jsonable(snapshot(before.as_row()))))
        stored = self.rows[before.proposal_id]
        self.rows[before.proposal_id] = replace(stored, **copy.deepcopy(dict(change.values)),
                                                version=stored.version + 1, updated_at=_now())
        self._events += change.events
        return copy.deepcopy(self.rows[before.proposal_id])

    async def page(self, dossier_id: UUID, query: ListQuery) -> Page:
        held = worklist_memory_lists.in_list(self.rows.values(), dossier_id, query)
        start = (query.page - 1) * query.per_page
        counts: dict[str, int] = {}
        for p in worklist_memory_lists.in_list(self.rows.values(), dossier_id, replace(query, statuses=ALL)):
            counts[p.status] = counts.get(p.status, 0) + 1
        return Page(copy.deepcopy(held[start:start + query.per_page]), len(held), counts)

    async def counters(self, dossier_ids: Sequence[UUID]) -> dict[UUID, Counters]:
        return worklist_memory_lists.counters(self.rows.values(), dossier_ids)

    async def permanent_dossier(self, dossier_id: UUID, misc_type: str | None) -> PermanentDossier:
        files = self.documents.rows if self.documents is not None else {}
        return copy.deepcopy(worklist_memory_lists.permanent_dossier(self.rows.values(), files, dossier_id, misc_type))

    async def neighbours(self, dossier_id: UUID, query: ListQuery, proposal_id: UUID) -> Neighbours:
        held = [p.proposal_id for p in worklist_memory_lists.in_list(self.rows.values(), dossier_id, query)]
        if proposal_id not in held:
            return Neighbours(None, None, None, len(held))
        at = held.index(proposal_id)
        return Neighbours(held[at - 1] if at > 0 else None, held[at + 1] if at + 1 < len(held) else None, at + 1,
                          len(held))

    async def discard_untouched(self, proposal_id: UUID) -> None:
        found = self.rows.get(proposal_id)
        if found is not None and found.version == 1 and found.status == "to_file":
            del self.rows[proposal_id]
            self.versions = {k: v for k, v in self.versions.items() if k[0] != proposal_id}

    async def last_version(self, proposal_id: UUID) -> Version | None:
        kept = await self.history(proposal_id)
        return kept[0] if kept else None

    async def drop_version(self, proposal_id: UUID, version: int) -> None:
        self.versions.pop((proposal_id, version), None)

    async def history(self, proposal_id: UUID) -> list[Version]:
        kept = [v for (pid, _), v in self.versions.items() if pid == proposal_id]
        return copy.deepcopy(sorted(kept, key=lambda v: v.version, reverse=True))

    def recorded(self) -> list[Event]:
        events, self._events = self._events, []
        return events


class MemoryDocuments:
    """Implements domain.ports.Documents in a dictionary."""

    def __init__(self) -> None:
        self.rows: dict[UUID, DocumentFile] = {}

    async def record(self, document: DocumentFile) -> None:
        known = self.rows.get(document.document_id)
        self.rows[document.document_id] = document if known is None else replace(
            document, dossier_id=known.dossier_id, received_at=known.received_at)

    async def get(self, dossier_id: UUID, document_id: UUID) -> DocumentFile | None:
        found = self.rows.get(document_id)
        return found if found is not None and found.dossier_id == dossier_id else None

    async def mailbox_of(self, document_id: UUID) -> str | None:
        found = self.rows.get(document_id)
        return None if found is None else found.mailbox


class MemoryMasterData:
    """Implements domain.ports.MasterData in a dictionary: records by (dossier, kind), keyed as in MASTER_KINDS."""

    def __init__(self) -> None:
        self.records: dict[tuple[UUID, str], dict[str, dict[str, Any]]] = {}

    async def apply(self, dossier_id: UUID, records: LedgerMasterData) -> None:
        for kind, key in MASTER_KINDS.items():
            for record in getattr(records, kind):
                data = record.model_dump(mode="json")
                self.records.setdefault((dossier_id, kind), {})[data[key]] = data
        for gone in records.deleted:
            if gone.kind in MASTER_KINDS:
                self.records.get((dossier_id, gone.kind), {}).pop(gone.reference, None)

    async def choices(self, dossier: Mapping[str, Any], counterparty_refs: Sequence[str] = (), *,
                      suspense_prefixes: tuple[str, ...] = ("499",)) -> Choices:
        dossier_id = dossier["dossier_id"]
        found = {kind: copy.deepcopy(self.records.get((dossier_id, kind), {})) for kind in MASTER_KINDS}
        found["counterparties"] = {k: v for k, v in found["counterparties"].items() if k in counterparty_refs}
        return choices_of(dossier.get("settings") or {}, found, suspense_prefixes=suspense_prefixes)

    async def search_counterparties(self, dossier_id: UUID, q: str, limit: int = 20) -> list[Mapping[str, Any]]:
        needle = q.strip().lower()
        found = [c for c in self.records.get((dossier_id, "counterparties"), {}).values()
                 if needle in counterparty_search_text(c)]
        return copy.deepcopy(sorted(found, key=lambda c: c.get("name") or "")[:limit])


class MemoryFailures:
    """Implements domain.ports.Failures in a dictionary."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Failure] = {}

    async def record(self, failure: Failure) -> None:
        self.rows[failure.document_id] = replace(failure, reprocess_request_id=None, reprocess_requested_at=None)

    async def clear(self, document_id: UUID) -> None:
        self.rows.pop(document_id, None)

    async def of_documents(self, dossier_id: UUID, document_ids: Sequence[UUID], *,
                           lock: bool = False) -> dict[UUID, Failure]:
        return {d: f for d in document_ids if (f := self.rows.get(d)) is not None and f.dossier_id == dossier_id}

    async def mark_reprocessing(self, document_ids: Sequence[UUID], request_id: UUID) -> None:
        for d in document_ids:
            if d in self.rows:
                self.rows[d] = replace(self.rows[d], reprocess_request_id=request_id, reprocess_requested_at=_now())


class MemoryUnitOfWork:
    """Implements domain.ports.UnitOfWork in memory: a block that raises leaves the repositories as they were and
    publishes nothing; a committed block appends its events to ``published`` (the outbox)."""

    def __init__(self) -> None:
        self.documents = MemoryDocuments()
        self.proposals = MemoryProposals(self.documents)
        self.master = MemoryMasterData()
        self.failures = MemoryFailures()
        self.published: list[Event] = []
        self.commits = 0
        self._pending: list[Event] = []
        self._saved: tuple[Any, ...] = ()

    def __call__(self) -> MemoryUnitOfWork:
        """The factory handlers are given (Deps.unit_of_work): always this one, one block at a time."""
        return self

    async def __aenter__(self) -> MemoryUnitOfWork:
        self._saved = copy.deepcopy((self.proposals.rows, self.proposals.versions, self.documents.rows,
                                     self.master.records, self.failures.rows))
        self.proposals.recorded()
        self._pending = []
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if error is not None:
            (self.proposals.rows, self.proposals.versions, self.documents.rows, self.master.records,
             self.failures.rows) = self._saved
            self.proposals.recorded()
            return
        self.published += self.proposals.recorded() + self._pending
        self._pending = []
        self.commits += 1

    def publish(self, event: Event) -> None:
        self._pending.append(event)
