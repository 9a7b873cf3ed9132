"""What ingest's use cases store and read through: repositories with typed records and the unit of work that
holds them. Each is a Protocol implemented on Postgres (adapters/) and in memory (tests/ingest_memory.py, for unit
tests); one contract suite runs against both (tests/ingest_repository_contract.py)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol
from uuid import UUID

from contracts.envelope import Event

from ingest.domain.document import LIVE, Document
from ingest.domain.dossier import Dossier, MailboxCount
from ingest.domain.mail import DeliveredMail


@dataclass(frozen=True)
class DocumentFilter:
    """The filters of a document list (ING-5): label, text in the name/sender/note, source, flagged, and whether a
    refused posting is on record (None: either)."""

    label: str | None = None
    q: str | None = None
    source: str | None = None
    flagged: bool = False
    refused: bool | None = None


@dataclass(frozen=True)
class Sort:
    """A list's order: one of domain.rules.SORTABLE, ascending or descending (then by id, the same way)."""

    field: str = "created_at"
    descending: bool = True


class Documents(Protocol):
    """The documents of every dossier and their page thumbnails.

    Reads are scoped to one dossier (another dossier's document is not there); documents handed out are tracked,
    so the unit of work finds the events they recorded. Every method runs in the unit of work's transaction.
    """

    async def add(self, doc: Document) -> Document:
        """Store a new document; its ``created_at`` is set."""

    async def save(self, doc: Document) -> None:
        """Write what the aggregate's methods change (status, name, mailbox, labels, note, dates)."""

    async def get(self, dossier_id: UUID, document_id: UUID, *, for_update: bool = False,
                  statuses: Sequence[str] = LIVE) -> Document | None:
        """The dossier's document in one of ``statuses`` (locked until the transaction ends when ``for_update``)."""

    async def lock(self, document_id: UUID) -> Document | None:
        """Any document by id whatever its status or dossier, locked (events of other services name it by id)."""

    async def lock_hash(self, dossier_id: UUID, sha256: str) -> None:
        """Serialise intake of the same bytes into one dossier until the transaction ends."""

    async def duplicate_of(self, dossier_id: UUID, sha256: str) -> Document | None:
        """The dossier's oldest live document with these original bytes, if any."""

    async def search(self, dossier_id: UUID, *, statuses: Sequence[str], mailbox: str | None, filters: DocumentFilter,
                     sort: Sort, limit: int, offset: int) -> tuple[list[Document], int]:
        """A page of the dossier's documents and the total, filtered and sorted."""

    async def labels(self, dossier_id: UUID) -> list[str]:
        """Every label in use on the dossier's live documents, sorted."""

    async def thumbnail_key(self, document_id: UUID, page: int) -> str | None:
        """Where the PNG of the page is kept, once rendered."""

    async def save_thumbnail(self, document_id: UUID, page: int, key: str) -> None:
        """Remember a rendered page (the first one kept when two render at once)."""

    def seen(self) -> list[Document]:
        """The documents handed out or added so far, in that order."""


class Mails(Protocol):
    """The e-mails delivered to the mailboxes (ING-2), once per Message-ID and mailbox."""

    async def record(self, mail: DeliveredMail) -> bool:
        """Remember a delivered e-mail; False when the same Message-ID was already delivered to that mailbox."""

    async def finish(self, dossier_id: UUID, mailbox: str, message_id: str, count: int,
                     problems: Sequence[str]) -> None:
        """Record how many documents the mail gave and which attachments were refused."""

    async def notes(self, dossier_id: UUID, mailbox: str, limit: int = 50) -> list[DeliveredMail]:
        """The mailbox's e-mails kept as notes (DeliveredMail.is_note), newest first."""


class Dossiers(Protocol):
    """The dossiers ingest knows (the platform's replica) and their inbound addresses (ING-2); read only here,
    written by the dossier.changed projection."""

    async def get(self, dossier_id: UUID) -> Dossier | None:
        """The dossier, or None when never heard of."""

    async def by_address(self, address: str) -> tuple[Dossier, str] | None:
        """The active dossier and mailbox of an inbound address (any case), or None."""

    async def mailbox_counts(self, office_id: UUID, dossier_ids: list[UUID] | None) -> list[MailboxCount]:
        """ACT-1: per dossier of the office (or of ``dossier_ids`` among them), the documents still in a mailbox,
        by dossier id."""


class UnitOfWork(Protocol):
    """One transaction over the repositories: ``async with uow:`` commits what the block changed together with the
    outbox rows of the events the aggregates recorded (and of ``publish``ed ones), or nothing when it raises."""

    documents: Documents
    mails: Mails
    dossiers: Dossiers

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None: ...

    def publish(self, event: Event) -> None:
        """An event no aggregate recorded (a bank statement's), written to the outbox on commit."""
