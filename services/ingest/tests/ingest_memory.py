"""The repositories and the unit of work in memory: for unit tests of the use cases; kept in step with Postgres by
one contract suite (tests/ingest_repository_contract.py)."""
from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from types import TracebackType
from typing import Any
from uuid import UUID

from contracts.envelope import Event

from ingest.adapters.outbound import contract_event
from ingest.domain.document import LIVE, Document
from ingest.domain.dossier import Dossier, MailboxCount
from ingest.domain.mail import DeliveredMail
from ingest.domain.ports import DocumentFilter, Sort

SORT_KEYS = {"created_at": lambda d: d.created_at, "filename": lambda d: d.filename.lower(),
             "page_count": lambda d: d.page_count, "size": lambda d: d.size_bytes, "sent_at": lambda d: d.sent_at,
             "sender": lambda d: d.sender.lower() if d.sender is not None else None}


def _copy(doc: Document) -> Document:
    return replace(doc, events=[])


def _matches(doc: Document, filters: DocumentFilter) -> bool:
    q = (filters.q or "").lower()
    return ((not filters.label or filters.label in doc.labels)
            and (not q or any(q in (text or "").lower() for text in (doc.filename, doc.sender, doc.note)))
            and (not filters.source or doc.source == filters.source)
            and (not filters.flagged or bool(doc.flags))
            and (filters.refused is None or (doc.refused_at is not None) == filters.refused))


def _sorted(docs: list[Document], sort: Sort) -> list[Document]:
    """As Postgres orders them: the field (nulls last either way), then the id in the same direction."""
    key = SORT_KEYS[sort.field]
    valued = sorted((d for d in docs if key(d) is not None), key=lambda d: (key(d), d.id), reverse=sort.descending)
    nulls = sorted((d for d in docs if key(d) is None), key=lambda d: d.id, reverse=sort.descending)
    return valued + nulls


class MemoryDocuments:
    """Implements domain.ports.Documents in dictionaries; hands out copies, as a database would."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Document] = {}
        self.thumbnails: dict[tuple[UUID, int], str] = {}
        self._seen: dict[UUID, Document] = {}

    def _track(self, stored: Document | None) -> Document | None:
        if stored is None:
            return None
        known = self._seen.get(stored.id)
        if known is None:
            self._seen[stored.id] = known = _copy(stored)
        else:
            known.__dict__.update({k: v for k, v in _copy(stored).__dict__.items() if k != "events"})
        return known

    def seen(self) -> list[Document]:
        return list(self._seen.values())

    def begin(self) -> None:
        self._seen = {}

    async def add(self, doc: Document) -> Document:
        doc.created_at = datetime.now(timezone.utc)
        self.rows[doc.id] = _copy(doc)
        self._seen[doc.id] = doc
        return doc

    async def save(self, doc: Document) -> None:
        self.rows[doc.id] = _copy(doc)

    async def get(self, dossier_id: UUID, document_id: UUID, *, for_update: bool = False,
                  statuses: Sequence[str] = LIVE) -> Document | None:
        found = self.rows.get(document_id)
        ok = found is not None and found.dossier_id == dossier_id and found.status in statuses
        return self._track(found if ok else None)

    async def lock(self, document_id: UUID) -> Document | None:
        return self._track(self.rows.get(document_id))

    async def lock_hash(self, dossier_id: UUID, sha256: str) -> None:
        """One unit of work at a time in memory: nothing to serialise."""

    async def duplicate_of(self, dossier_id: UUID, sha256: str) -> Document | None:
        same = [d for d in self.rows.values()
                if d.dossier_id == dossier_id and d.original_sha256 == sha256 and d.status in LIVE]
        return self._track(min(same, key=lambda d: d.created_at) if same else None)

    async def search(self, dossier_id: UUID, *, statuses: Sequence[str], mailbox: str | None, filters: DocumentFilter,
                     sort: Sort, limit: int, offset: int) -> tuple[list[Document], int]:
        found = [d for d in self.rows.values() if d.dossier_id == dossier_id and d.status in statuses
                 and (not mailbox or d.mailbox == mailbox) and _matches(d, filters)]
        return [_copy(d) for d in _sorted(found, sort)[offset:offset + limit]], len(found)

    async def labels(self, dossier_id: UUID) -> list[str]:
        return sorted({label for d in self.rows.values() if d.dossier_id == dossier_id and d.status in LIVE
                       for label in d.labels})

    async def thumbnail_key(self, document_id: UUID, page: int) -> str | None:
        return self.thumbnails.get((document_id, page))

    async def save_thumbnail(self, document_id: UUID, page: int, key: str) -> None:
        self.thumbnails.setdefault((document_id, page), key)


class MemoryMails:
    """Implements domain.ports.Mails in a dictionary keyed by dossier, mailbox and Message-ID."""

    def __init__(self) -> None:
        self.rows: dict[tuple[UUID, str, str], DeliveredMail] = {}

    async def record(self, mail: DeliveredMail) -> bool:
        key = (mail.dossier_id, mail.mailbox, mail.message_id)
        if key in self.rows:
            return False
        self.rows[key] = replace(mail, received_at=datetime.now(timezone.utc))
        return True

    async def finish(self, dossier_id: UUID, mailbox: str, message_id: str, count: int,
                     problems: Sequence[str]) -> None:
        key = (dossier_id, mailbox, message_id)
        if key in self.rows:
            self.rows[key] = replace(self.rows[key], documents=count, problems=tuple(problems))

    async def notes(self, dossier_id: UUID, mailbox: str, limit: int = 50) -> list[DeliveredMail]:
        found = [m for (d, box, _), m in self.rows.items() if d == dossier_id and box == mailbox and m.is_note]
        return sorted(found, key=lambda m: m.received_at, reverse=True)[:limit]


class MemoryDossiers:
    """Implements domain.ports.Dossiers in dictionaries; ``put`` stands for the dossier.changed projection."""

    def __init__(self, documents: MemoryDocuments) -> None:
        self.rows: dict[UUID, Dossier] = {}
        self.addresses: dict[str, tuple[UUID, str]] = {}
        self._documents = documents

    def put(self, dossier: Dossier, addresses: Mapping[str, str] | None = None) -> None:
        """The dossier and its inbound addresses (address -> mailbox), as a dossier.changed would leave them."""
        self.rows[dossier.dossier_id] = dossier
        self.addresses = {a: v for a, v in self.addresses.items() if v[0] != dossier.dossier_id}
        self.addresses.update({a.strip().lower(): (dossier.dossier_id, box) for a, box in (addresses or {}).items()})

    async def get(self, dossier_id: UUID) -> Dossier | None:
        return self.rows.get(dossier_id)

    async def by_address(self, address: str) -> tuple[Dossier, str] | None:
        found = self.addresses.get(address.strip().lower())
        dossier = found and self.rows.get(found[0])
        return (dossier, found[1]) if found and dossier and dossier.active else None

    async def mailbox_counts(self, office_id: UUID, dossier_ids: list[UUID] | None) -> list[MailboxCount]:
        docs = self._documents.rows.values()
        return [MailboxCount(d.dossier_id, d.settings,
                             sum(1 for x in docs if x.dossier_id == d.dossier_id and x.status == "mailbox"))
                for d in sorted(self.rows.values(), key=lambda d: d.dossier_id)
                if d.office_id == office_id and (dossier_ids is None or d.dossier_id in dossier_ids)]


class MemoryUnitOfWork:
    """Implements domain.ports.UnitOfWork in memory: a block that raises leaves the repositories as they were and
    publishes nothing; a committed block appends its events to ``published`` (the outbox)."""

    def __init__(self) -> None:
        self.documents = MemoryDocuments()
        self.mails = MemoryMails()
        self.dossiers = MemoryDossiers(self.documents)
        self.published: list[Event] = []
        self.commits = 0
        self._pending: list[Event] = []
        self._saved: tuple[Any, dict[tuple[UUID, str, str], DeliveredMail]] = ({}, {})

    def __call__(self) -> MemoryUnitOfWork:
        """The factory handlers are given (Deps.unit_of_work): always this one, one block at a time."""
        return self

    async def __aenter__(self) -> MemoryUnitOfWork:
        self._saved = (copy.deepcopy((self.documents.rows, self.documents.thumbnails)), dict(self.mails.rows))
        self.documents.begin()
        self._pending = []
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if error is not None:
            (self.documents.rows, self.documents.thumbnails), self.mails.rows = self._saved
            return
        for doc in self.documents.seen():
            self.published += [contract_event(doc, recorded) for recorded in doc.events]
            doc.events.clear()
        self.published += self._pending
        self.commits += 1

    def publish(self, event: Event) -> None:
        self._pending.append(event)
