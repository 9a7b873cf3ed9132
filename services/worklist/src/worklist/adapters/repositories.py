"""The repositories of domain.ports on Postgres, each on the unit of work's connection: proposals (with the versions
undo restores), documents' files, the master-data replica, failed recognitions."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg
from contracts.envelope import Event
from contracts.events.ledger import MasterData as LedgerMasterData

from worklist.adapters import proposals as sql
from worklist.adapters import failures, replica
from worklist.domain.choices import Choices
from worklist.domain.listing import ListQuery
from worklist.domain.records import (FIELD_NAMES, Change, Counters, DocumentFile, Failure, Filed, Neighbours, Page,
                                     PermanentDossier, Proposal, Version)

SET_BY_THE_DATABASE = ("version", "created_at", "updated_at")


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _version(row: asyncpg.Record) -> Version:
    return Version(proposal_id=row["proposal_id"], version=row["version"], action=row["action"],
                   changed_by=_json(row["changed_by"]), changed_at=row["changed_at"], snapshot=_json(row["snapshot"]))


class PgProposals:
    """Implements domain.ports.Proposals on the ``proposals`` and ``proposal_versions`` tables."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self._events: list[Event] = []

    async def add(self, proposal: Proposal, *, replace_untouched: bool = True) -> bool:
        row = {name: getattr(proposal, name) for name in FIELD_NAMES
               if name not in SET_BY_THE_DATABASE or getattr(proposal, name) is not None}
        row.pop("version", None)
        return await sql.insert(self.conn, row, replace_untouched=replace_untouched)

    async def get(self, dossier_id: UUID, proposal_id: UUID, *, lock: bool = False) -> Proposal | None:
        row = await sql.get(self.conn, dossier_id, proposal_id, lock=lock)
        return None if row is None else Proposal.from_row(row)

    async def get_any(self, proposal_id: UUID, *, lock: bool = False) -> Proposal | None:
        row = await sql.get_any(self.conn, proposal_id, lock=lock)
        return None if row is None else Proposal.from_row(row)

    async def update(self, before: Proposal, change: Change) -> Proposal:
        row = await sql.update(self.conn, before.as_row(), change.values, action=change.action, actor=change.actor)
        self._events += change.events
        return Proposal.from_row(row)

    async def page(self, dossier_id: UUID, query: ListQuery) -> Page:
        rows, total, counts = await sql.page(self.conn, dossier_id, query)
        return Page([Proposal.from_row(r) for r in rows], total, counts)

    async def counters(self, dossier_ids: Sequence[UUID]) -> dict[UUID, Counters]:
        found = await sql.counters(self.conn, list(dossier_ids))
        return {d: Counters(**{k: v for k, v in row.items() if k != "dossier_id"}) for d, row in found.items()}

    async def permanent_dossier(self, dossier_id: UUID, misc_type: str | None) -> PermanentDossier:
        rows, counts = await sql.permanent_dossier(self.conn, dossier_id, misc_type)
        return PermanentDossier([Filed(**r) for r in rows], counts)

    async def neighbours(self, dossier_id: UUID, query: ListQuery, proposal_id: UUID) -> Neighbours:
        return Neighbours(**await sql.neighbours(self.conn, dossier_id, query, proposal_id))

    async def discard_untouched(self, proposal_id: UUID) -> None:
        await self.conn.execute("DELETE FROM proposals WHERE proposal_id = $1 AND version = 1 AND status = 'to_file'",
                                proposal_id)

    async def last_version(self, proposal_id: UUID) -> Version | None:
        row = await self.conn.fetchrow("SELECT * FROM proposal_versions WHERE proposal_id = $1 "
                                       "ORDER BY version DESC LIMIT 1", proposal_id)
        return None if row is None else _version(row)

    async def drop_version(self, proposal_id: UUID, version: int) -> None:
        await sql.drop_version(self.conn, proposal_id, version)

    async def history(self, proposal_id: UUID) -> list[Version]:
        rows = await self.conn.fetch("SELECT * FROM proposal_versions WHERE proposal_id = $1 ORDER BY version DESC",
                                     proposal_id)
        return [_version(r) for r in rows]

    def recorded(self) -> list[Event]:
        events, self._events = self._events, []
        return events


class PgDocuments:
    """Implements domain.ports.Documents on the ``documents`` table."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def record(self, document: DocumentFile) -> None:
        await self.conn.execute(
            "INSERT INTO documents (document_id, dossier_id, mailbox, filename, content_type, storage_key, page_count, "
            "received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (document_id) DO UPDATE SET "
            "mailbox = $3, filename = $4, content_type = $5, storage_key = $6, page_count = $7",
            document.document_id, document.dossier_id, document.mailbox, document.filename, document.content_type,
            document.storage_key, document.page_count, document.received_at)

    async def get(self, dossier_id: UUID, document_id: UUID) -> DocumentFile | None:
        row = await self.conn.fetchrow("SELECT * FROM documents WHERE document_id = $1 AND dossier_id = $2",
                                       document_id, dossier_id)
        return None if row is None else DocumentFile(**dict(row))

    async def mailbox_of(self, document_id: UUID) -> str | None:
        return await self.conn.fetchval("SELECT mailbox FROM documents WHERE document_id = $1", document_id)


class PgMasterData:
    """Implements domain.ports.MasterData on the ``master_records`` replica (adapters/replica.py)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def apply(self, dossier_id: UUID, records: LedgerMasterData) -> None:
        await replica.apply_master_data(self.conn, dossier_id, records)

    async def search_counterparties(self, dossier_id: UUID, q: str, limit: int = 20) -> list[Mapping[str, Any]]:
        return await replica.search_counterparties(self.conn, dossier_id, q, limit)

    async def choices(self, dossier: Mapping[str, Any], counterparty_refs: Sequence[str] = (), *,
                      suspense_prefixes: tuple[str, ...] = ("499",)) -> Choices:
        return await replica.choices(self.conn, dossier, counterparty_refs,
                                     suspense_prefixes=suspense_prefixes)


class PgFailures:
    """Implements domain.ports.Failures on the ``recognition_failures`` table (adapters/failures.py)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def record(self, failure: Failure) -> None:
        await failures.record(self.conn, failure.document_id, failure.dossier_id, failure.error_code,
                              failure.recognized_event_id)

    async def clear(self, document_id: UUID) -> None:
        await failures.clear(self.conn, document_id)

    async def of_documents(self, dossier_id: UUID, document_ids: Sequence[UUID], *,
                           lock: bool = False) -> dict[UUID, Failure]:
        return await failures.of_documents(self.conn, dossier_id, document_ids, lock=lock)

    async def mark_reprocessing(self, document_ids: Sequence[UUID], request_id: UUID) -> None:
        await failures.mark_reprocessing(self.conn, list(document_ids), request_id)
