"""An office's own conversation templates (COM-5) in Postgres."""
from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import asyncpg

_FIELDS = "id, name, language, subject, body, updated_at"


async def of_office(pool: asyncpg.Pool, office_id: UUID, language: str | None = None) -> list[dict[str, Any]]:
    rows = await pool.fetch(f"SELECT {_FIELDS} FROM conversation_templates WHERE office_id = $1 "
                            "AND ($2::text IS NULL OR language = $2) ORDER BY language, name LIMIT 500",
                            office_id, language)
    return [dict(r) for r in rows]


async def add(pool: asyncpg.Pool, office_id: UUID, by: UUID, *, name: str, language: str, subject: str,
              body: str) -> dict[str, Any]:
    row = await pool.fetchrow(
        f"INSERT INTO conversation_templates (id, office_id, name, language, subject, body, updated_by) "
        f"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {_FIELDS}",
        uuid.uuid4(), office_id, name, language, subject, body, by)
    return dict(row)


async def delete(pool: asyncpg.Pool, office_id: UUID, template_id: UUID) -> bool:
    status = await pool.execute("DELETE FROM conversation_templates WHERE office_id = $1 AND id = $2",
                                office_id, template_id)
    return status.endswith(" 1")
