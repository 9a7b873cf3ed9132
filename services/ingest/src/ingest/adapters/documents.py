"""Postgres repository of documents and their page thumbnails (ingest's own tables)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any
from uuid import UUID

import asyncpg

from ingest.domain.document import LIVE, Document, Original
from ingest.domain.ports import DocumentFilter, Sort
from ingest.domain.rules import order_by

COLUMNS = tuple(f.name for f in fields(Document) if f.name not in ("events", "created_at"))
CHANGING = ("mailbox", "status", "filename", "labels", "note", "auto_transmitted", "sent_at", "processed_at",
            "booked_at", "refused_at", "refusal_code")
"""What the aggregate's methods change, written by save()."""


def _document(row: asyncpg.Record) -> Document:
    values = {name: row[name] for name in (*COLUMNS, "created_at")}
    values["originals"] = tuple(Original(o["key"], o["content_type"], o["filename"], o.get("size"))
                                for o in row["originals"] or ())
    for name in ("flags", "labels", "derived_from"):
        values[name] = tuple(row[name] or ())
    return Document(**values)


def _value(doc: Document, name: str) -> Any:
    value = getattr(doc, name)
    if name == "originals":
        return [asdict(o) for o in value]
    return list(value) if name in ("flags", "labels", "derived_from") else value


def _where(dossier_id: UUID, statuses: Sequence[str], mailbox: str | None,
           filters: DocumentFilter) -> tuple[str, list[Any]]:
    where, args = ["dossier_id = $1", "status = ANY($2)"], [dossier_id, list(statuses)]
    if mailbox:
        args.append(mailbox)
        where.append(f"mailbox = ${len(args)}")
    if filters.label:
        args.append(filters.label)
        where.append(f"${len(args)} = ANY(labels)")
    if filters.q:
        args.append(f"%{filters.q.lower()}%")
        where.append(f"(lower(filename) LIKE ${len(args)} OR lower(coalesce(sender, '')) LIKE ${len(args)} "
                     f"OR lower(coalesce(note, '')) LIKE ${len(args)})")
    if filters.source:
        args.append(filters.source)
        where.append(f"source = ${len(args)}")
    if filters.flagged:
        where.append("cardinality(flags) > 0")
    if filters.refused is not None:  # issue 15 item 5: a refused posting on record, or none
        where.append("refused_at IS NOT NULL" if filters.refused else "refused_at IS NULL")
    return " AND ".join(where), args


class PgDocuments:
    """Implements domain.ports.Documents on one connection; the caller (the unit of work) owns the transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self._seen: dict[UUID, Document] = {}

    def _track(self, doc: Document | None) -> Document | None:
        if doc is None or doc.id in self._seen:
            return doc and self._refresh(doc)
        self._seen[doc.id] = doc
        return doc

    def _refresh(self, doc: Document) -> Document:
        """The same document read again in this unit of work is the one object (its recorded events kept)."""
        known = self._seen[doc.id]
        for name in (*COLUMNS, "created_at"):
            setattr(known, name, getattr(doc, name))
        return known

    def seen(self) -> list[Document]:
        return list(self._seen.values())

    async def add(self, doc: Document) -> Document:
        sql = (f"INSERT INTO documents ({', '.join(COLUMNS)}) "
               f"VALUES ({', '.join(f'${i}' for i in range(1, len(COLUMNS) + 1))}) RETURNING created_at")
        doc.created_at = await self.conn.fetchval(sql, *(_value(doc, c) for c in COLUMNS))
        self._seen[doc.id] = doc
        return doc

    async def save(self, doc: Document) -> None:
        sets = ", ".join(f"{n} = ${i}" for i, n in enumerate(CHANGING, 2))
        await self.conn.execute(f"UPDATE documents SET {sets} WHERE id = $1", doc.id,
                                *(_value(doc, n) for n in CHANGING))

    async def get(self, dossier_id: UUID, document_id: UUID, *, for_update: bool = False,
                  statuses: Sequence[str] = LIVE) -> Document | None:
        lock = " FOR UPDATE" if for_update else ""
        row = await self.conn.fetchrow(f"SELECT * FROM documents WHERE dossier_id = $1 AND id = $2 "
                                       f"AND status = ANY($3){lock}", dossier_id, document_id, list(statuses))
        return self._track(_document(row) if row else None)

    async def lock(self, document_id: UUID) -> Document | None:
        row = await self.conn.fetchrow("SELECT * FROM documents WHERE id = $1 FOR UPDATE", document_id)
        return self._track(_document(row) if row else None)

    async def lock_hash(self, dossier_id: UUID, sha256: str) -> None:
        await self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", f"{dossier_id}:{sha256}")

    async def duplicate_of(self, dossier_id: UUID, sha256: str) -> Document | None:
        row = await self.conn.fetchrow(
            "SELECT * FROM documents WHERE dossier_id = $1 AND original_sha256 = $2 AND status = ANY($3) "
            "ORDER BY created_at LIMIT 1", dossier_id, sha256, list(LIVE))
        return self._track(_document(row) if row else None)

    async def search(self, dossier_id: UUID, *, statuses: Sequence[str], mailbox: str | None, filters: DocumentFilter,
                     sort: Sort, limit: int, offset: int) -> tuple[list[Document], int]:
        clause, args = _where(dossier_id, statuses, mailbox, filters)
        total = await self.conn.fetchval(f"SELECT count(*) FROM documents WHERE {clause}", *args)
        rows = await self.conn.fetch(f"SELECT * FROM documents WHERE {clause} ORDER BY {order_by(sort)} "
                                     f"LIMIT {int(limit)} OFFSET {int(offset)}", *args)
        return [_document(r) for r in rows], int(total)

    async def labels(self, dossier_id: UUID) -> list[str]:
        rows = await self.conn.fetch("SELECT DISTINCT unnest(labels) AS label FROM documents WHERE dossier_id = $1 "
                                     "AND status = ANY($2) ORDER BY 1", dossier_id, list(LIVE))
        return [r["label"] for r in rows]

    async def thumbnail_key(self, document_id: UUID, page: int) -> str | None:
        return await self.conn.fetchval("SELECT storage_key FROM thumbnails WHERE document_id = $1 AND page = $2",
                                        document_id, page)

    async def save_thumbnail(self, document_id: UUID, page: int, key: str) -> None:
        await self.conn.execute("INSERT INTO thumbnails VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                                document_id, page, key)
