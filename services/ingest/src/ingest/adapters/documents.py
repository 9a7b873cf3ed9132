"""Postgres repository of documents and mails (ingest's own tables)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg

COLUMNS = ("id", "office_id", "dossier_id", "mailbox", "status", "filename", "content_type", "size_bytes", "sha256",
           "original_sha256", "storage_key", "originals", "page_count", "flags", "problem", "source", "sender",
           "submitted_by", "email_message_id", "email_subject", "labels", "note", "derived_from",
           "auto_transmitted", "sent_at")
LIVE = ("mailbox", "processing", "processed", "booked")


async def insert(conn: asyncpg.Connection, doc: Mapping[str, Any]) -> dict[str, Any]:
    """Store a new document row and return it."""
    names = [c for c in COLUMNS if c in doc]
    sql = (f"INSERT INTO documents ({', '.join(names)}) VALUES ({', '.join(f'${i}' for i in range(1, len(names) + 1))}) "
           "RETURNING *")
    return dict(await conn.fetchrow(sql, *(doc[c] for c in names)))


async def lock_hash(conn: asyncpg.Connection, dossier_id: UUID, sha256: str) -> None:
    """Serialise intake of the same bytes into one dossier until the transaction ends."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", f"{dossier_id}:{sha256}")


async def duplicate_of(conn: asyncpg.Connection, dossier_id: UUID, sha256: str) -> dict[str, Any] | None:
    """A live document of the dossier with the same original bytes, if any."""
    row = await conn.fetchrow(
        "SELECT * FROM documents WHERE dossier_id = $1 AND original_sha256 = $2 AND status = ANY($3) "
        "ORDER BY created_at LIMIT 1", dossier_id, sha256, list(LIVE))
    return dict(row) if row else None


async def get(conn: asyncpg.Connection, dossier_id: UUID, document_id: UUID, *, for_update: bool = False,
              statuses: Sequence[str] = LIVE) -> dict[str, Any] | None:
    """One document of the dossier (None when it is not there, or belongs to another dossier)."""
    lock = " FOR UPDATE" if for_update else ""
    row = await conn.fetchrow(f"SELECT * FROM documents WHERE dossier_id = $1 AND id = $2 AND status = ANY($3){lock}",
                              dossier_id, document_id, list(statuses))
    return dict(row) if row else None


async def update(conn: asyncpg.Connection, document_id: UUID, **fields: Any) -> dict[str, Any]:
    """Change some fields of a document and return it."""
    names = list(fields)
    sets = ", ".join(f"{n} = ${i}" for i, n in enumerate(names, 2))
    return dict(await conn.fetchrow(f"UPDATE documents SET {sets} WHERE id = $1 RETURNING *", document_id,
                                    *(fields[n] for n in names)))


async def search(conn: asyncpg.Connection, dossier_id: UUID, *, statuses: Sequence[str], mailbox: str | None,
                 filters: Mapping[str, Any], order: str, limit: int, offset: int) -> tuple[list[dict], int]:
    """A page of documents and the total, filtered by label, text in name/sender/note, source and flag."""
    where, args = ["dossier_id = $1", "status = ANY($2)"], [dossier_id, list(statuses)]
    if mailbox:
        args.append(mailbox)
        where.append(f"mailbox = ${len(args)}")
    if filters.get("label"):
        args.append(filters["label"])
        where.append(f"${len(args)} = ANY(labels)")
    if filters.get("q"):
        args.append(f"%{filters['q'].lower()}%")
        where.append(f"(lower(filename) LIKE ${len(args)} OR lower(coalesce(sender, '')) LIKE ${len(args)} "
                     f"OR lower(coalesce(note, '')) LIKE ${len(args)})")
    if filters.get("source"):
        args.append(filters["source"])
        where.append(f"source = ${len(args)}")
    if filters.get("flagged"):
        where.append("cardinality(flags) > 0")
    if filters.get("refused") is not None:  # issue 15 item 5: a refused posting on record, or none
        where.append("refused_at IS NOT NULL" if filters["refused"] else "refused_at IS NULL")
    clause = " AND ".join(where)
    total = await conn.fetchval(f"SELECT count(*) FROM documents WHERE {clause}", *args)
    rows = await conn.fetch(f"SELECT * FROM documents WHERE {clause} ORDER BY {order} LIMIT {int(limit)} "
                            f"OFFSET {int(offset)}", *args)
    return [dict(r) for r in rows], int(total)


async def labels(conn: asyncpg.Connection, dossier_id: UUID) -> list[str]:
    """Every label in use on the dossier's live documents, sorted."""
    rows = await conn.fetch("SELECT DISTINCT unnest(labels) AS label FROM documents WHERE dossier_id = $1 "
                            "AND status = ANY($2) ORDER BY 1", dossier_id, list(LIVE))
    return [r["label"] for r in rows]


async def thumbnail_key(conn: asyncpg.Connection, document_id: UUID, page: int) -> str | None:
    return await conn.fetchval("SELECT storage_key FROM thumbnails WHERE document_id = $1 AND page = $2",
                               document_id, page)


async def save_thumbnail(conn: asyncpg.Connection, document_id: UUID, page: int, key: str) -> None:
    await conn.execute("INSERT INTO thumbnails VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", document_id, page, key)


async def record_mail(conn: asyncpg.Connection, mail: Mapping[str, Any]) -> bool:
    """Remember an e-mail delivered to a mailbox; False when the same Message-ID was already delivered there."""
    return bool(await conn.fetchval(
        "INSERT INTO mails (dossier_id, mailbox, message_id, sender, subject, body, problems, documents) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING true",
        mail["dossier_id"], mail["mailbox"], mail["message_id"], mail.get("sender"), mail.get("subject"),
        mail.get("body"), list(mail.get("problems") or ()), mail.get("documents", 0)))


async def finish_mail(conn: asyncpg.Connection, dossier_id: UUID, mailbox: str, message_id: str, count: int,
                      problems: Sequence[str]) -> None:
    """Record how many documents a mail gave and which attachments were refused."""
    await conn.execute("UPDATE mails SET documents = $4, problems = $5 WHERE dossier_id = $1 AND mailbox = $2 "
                       "AND message_id = $3", dossier_id, mailbox, message_id, count, list(problems))


async def mail_notes(conn: asyncpg.Connection, dossier_id: UUID, mailbox: str, limit: int = 50) -> list[dict]:
    """E-mails kept as notes: those without documents, or with attachments that were refused."""
    rows = await conn.fetch(
        "SELECT message_id, sender, subject, body, problems, documents, received_at FROM mails "
        "WHERE dossier_id = $1 AND mailbox = $2 AND (documents = 0 OR cardinality(problems) > 0) "
        "ORDER BY received_at DESC LIMIT $3", dossier_id, mailbox, limit)
    return [dict(r) for r in rows]


async def mailbox_counts(conn: asyncpg.Connection | asyncpg.Pool, office_id: UUID,
                         dossier_ids: list[UUID] | None) -> list[dict[str, Any]]:
    """ACT-1: per dossier of the office (or of ``dossier_ids``), its settings and the documents still in a mailbox."""
    rows = await conn.fetch(
        "SELECT d.dossier_id, d.settings, (SELECT count(*) FROM documents m WHERE m.dossier_id = d.dossier_id "
        "AND m.status = 'mailbox') AS uploaded_not_sent FROM dossiers d "
        "WHERE d.office_id = $1 AND ($2::uuid[] IS NULL OR d.dossier_id = ANY($2::uuid[])) ORDER BY d.dossier_id",
        office_id, dossier_ids)
    return [dict(r) for r in rows]
