"""Postgres repository of failed recognitions (WL-13): the reason per document and a pending reprocess request."""
from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

import asyncpg

from worklist.domain.records import Failure

Conn = asyncpg.Connection | asyncpg.Pool


async def record(conn: asyncpg.Connection, document_id: UUID, dossier_id: UUID, error_code: str,
                 event_id: UUID) -> None:
    """The document's recognition failed (again): its reason; any reprocess request is answered."""
    await conn.execute(
        "INSERT INTO recognition_failures (document_id, dossier_id, error_code, recognized_event_id) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (document_id) DO UPDATE SET error_code = $3, recognized_event_id = $4, "
        "reprocess_request_id = NULL, reprocess_requested_at = NULL, updated_at = now()",
        document_id, dossier_id, error_code, event_id)


async def clear(conn: asyncpg.Connection, document_id: UUID) -> None:
    """The document was read: no failure any more."""
    await conn.execute("DELETE FROM recognition_failures WHERE document_id = $1", document_id)


async def of_documents(conn: Conn, dossier_id: UUID, document_ids: Iterable[UUID], *,
                       lock: bool = False) -> dict[UUID, Failure]:
    """The failures of these documents of the dossier, by document id."""
    rows = await conn.fetch(
        "SELECT * FROM recognition_failures WHERE dossier_id = $1 AND document_id = ANY($2::uuid[])"
        + (" FOR UPDATE" if lock else ""), dossier_id, list(document_ids))
    return {r["document_id"]: Failure(**{k: v for k, v in dict(r).items() if k != "updated_at"}) for r in rows}


async def mark_reprocessing(conn: asyncpg.Connection, document_ids: list[UUID], request_id: UUID) -> None:
    """These documents are being read again under this request."""
    await conn.execute(
        "UPDATE recognition_failures SET reprocess_request_id = $2, reprocess_requested_at = now(), updated_at = now() "
        "WHERE document_id = ANY($1::uuid[])", document_ids, request_id)
