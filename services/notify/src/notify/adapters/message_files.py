"""Files attached to messages (COM-1) in Postgres; their bytes are in the object store under storage_key."""
from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import asyncpg

from notify.domain.attachments import Attachment


async def add(conn: asyncpg.Connection, message: dict[str, Any], thread: dict[str, Any], file: Attachment,
              storage_key: str) -> dict[str, Any]:
    """A file row of the message; files keep the order they were attached in (clock_timestamp)."""
    row = await conn.fetchrow(
        "INSERT INTO message_files (id, message_id, conversation_id, dossier_id, filename, content_type, size, "
        "storage_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp()) RETURNING id, filename, content_type, size",
        uuid.uuid4(), message["id"], thread["id"], thread["dossier_id"], file.filename, file.content_type,
        len(file.data), storage_key)
    return dict(row)


async def one(conn: asyncpg.Connection | asyncpg.Pool, conversation_id: UUID, file_id: UUID) -> dict[str, Any] | None:
    """A file of the thread (None when it is not one of its files)."""
    row = await conn.fetchrow("SELECT id, filename, content_type, size, storage_key FROM message_files "
                              "WHERE id = $1 AND conversation_id = $2", file_id, conversation_id)
    return dict(row) if row else None


FILES_OF_MESSAGE = ("coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'filename', f.filename, "
                    "'content_type', f.content_type, 'size', f.size) ORDER BY f.created_at, f.id) "
                    "FROM message_files f WHERE f.message_id = m.id), '[]') AS files")
"""The SQL column of a message's files (id, filename, content_type, size), for messages_of."""
