"""What the worklist's use cases store and read through: repositories with typed records and the unit of work that
holds them. Each is a Protocol implemented on Postgres (adapters/repositories.py, adapters/unit_of_work.py) and in
memory (tests/worklist_memory.py, for unit tests); one contract suite runs against both
(tests/worklist_repository_contract.py)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Protocol
from uuid import UUID

from contracts.envelope import Event
from contracts.events.ledger import MasterData as LedgerMasterData

from worklist.domain.choices import Choices
from worklist.domain.listing import ListQuery
from worklist.domain.records import (Change, Counters, DocumentFile, Failure, Neighbours, Page, PermanentDossier,
                                     Proposal, Version)


class Proposals(Protocol):
    """The proposals of every dossier with their kept versions.

    Reads by dossier see live proposals of that dossier only; ``update`` keeps the events of the change for the
    unit of work (``recorded``). Every method runs in the unit of work's transaction.
    """

    async def add(self, proposal: Proposal, *, replace_untouched: bool = True) -> bool:
        """Store a new proposal; one already there is replaced only while untouched (``replace_untouched``) and
        is otherwise left alone. True when written."""

    async def get(self, dossier_id: UUID, proposal_id: UUID, *, lock: bool = False) -> Proposal | None:
        """A live proposal of the dossier (locked until the transaction ends when ``lock``), or None."""

    async def get_any(self, proposal_id: UUID, *, lock: bool = False) -> Proposal | None:
        """A proposal by id whatever its dossier, deleted ones included (events of other services name it)."""

    async def update(self, before: Proposal, change: Change) -> Proposal:
        """Write the change to a (locked) proposal and bump its version; with an action, keep ``before`` as the
        version undo restores. Returns the proposal as stored now."""

    async def page(self, dossier_id: UUID, query: ListQuery) -> Page:
        """The page ``query`` asks of the dossier's list, in the order ``neighbours`` describes."""

    async def counters(self, dossier_ids: Sequence[UUID]) -> dict[UUID, Counters]:
        """ACT-1 counters of the dossiers that have live proposals, by dossier id."""

    async def permanent_dossier(self, dossier_id: UUID, misc_type: str | None) -> PermanentDossier:
        """The dossier's filed misc documents (of one type, or all when None), newest filed first, then by id; the
        count per type, by type."""

    async def neighbours(self, dossier_id: UUID, query: ListQuery, proposal_id: UUID) -> Neighbours:
        """Where the proposal stands in the dossier's list of ``query`` (its filters and sort; default order: newest
        processed first, then by id, descending; a sort puts empty values last, ties by id the same way)."""

    async def discard_untouched(self, proposal_id: UUID) -> None:
        """Remove a misc item nobody worked on yet (a proposal for the same document supersedes it)."""

    async def last_version(self, proposal_id: UUID) -> Version | None:
        """The newest kept version (what undo restores), or None."""

    async def drop_version(self, proposal_id: UUID, version: int) -> None:
        """Forget a kept version (undo used it)."""

    async def history(self, proposal_id: UUID) -> list[Version]:
        """The kept versions, newest first."""

    def recorded(self) -> list[Event]:
        """The events of the changes written so far, in order; drained by the call."""


class Documents(Protocol):
    """The files of the documents the worklist heard of (document.received), one per document id."""

    async def record(self, document: DocumentFile) -> None:
        """Remember a document's file; a redelivery or a move updates it (its first ``received_at`` stays)."""

    async def get(self, dossier_id: UUID, document_id: UUID) -> DocumentFile | None:
        """The file of a document of the dossier, or None."""

    async def mailbox_of(self, document_id: UUID) -> str | None:
        """The mailbox a document came in through, or None when unknown."""


class MasterData(Protocol):
    """The accounting software's master data of each dossier (ledger.synced), as edits are checked against it."""

    async def apply(self, dossier_id: UUID, records: LedgerMasterData) -> None:
        """Keep the records a sync or posting carried (the newest wins per kind and key); forget deleted ones."""

    async def choices(self, dossier: Mapping[str, Any], counterparty_refs: Sequence[str] = (), *,
                      suspense_prefixes: tuple[str, ...] = ("499",)) -> Choices:
        """The Choices of the dossier (its settings add accounts and journals), with the counterparties of
        ``counterparty_refs``."""

    async def search_counterparties(self, dossier_id: UUID, q: str, limit: int = 20) -> list[Mapping[str, Any]]:
        """Counterparties whose name, VAT or enterprise number contains the text (any case), by name (WL-7)."""


class Failures(Protocol):
    """Failed recognitions, one per document (WL-13): the reason, and the reprocess request reading it again."""

    async def record(self, failure: Failure) -> None:
        """The document's recognition failed (again): its reason; any reprocess request is answered."""

    async def clear(self, document_id: UUID) -> None:
        """The document was read: no failure any more."""

    async def of_documents(self, dossier_id: UUID, document_ids: Sequence[UUID], *,
                           lock: bool = False) -> dict[UUID, Failure]:
        """The failures of these documents of the dossier, by document id (locked when ``lock``)."""

    async def mark_reprocessing(self, document_ids: Sequence[UUID], request_id: UUID) -> None:
        """These documents are being read again under this request."""


class UnitOfWork(Protocol):
    """One transaction over the repositories: ``async with uow:`` commits what the block changed together with the
    outbox rows of the events its changes recorded (and of ``publish``ed ones), or nothing when it raises."""

    proposals: Proposals
    documents: Documents
    master: MasterData
    failures: Failures

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None: ...

    def publish(self, event: Event) -> None:
        """An event no proposal change recorded (a question to the client), written to the outbox on commit."""
