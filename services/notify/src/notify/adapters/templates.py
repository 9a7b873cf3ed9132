"""Templates in force for an office (COM-5): its overrides in Postgres over the standard ones in the package."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from notify.adapters.standard import standard
from notify.domain.rendering import Template

_COLUMNS = "key, language, subject, body, html, updated_by, updated_at"


class PgTemplates:
    """TemplateSource on one connection: the office's override of (key, language), else the standard one."""

    def __init__(self, conn: asyncpg.Connection | asyncpg.Pool) -> None:
        self.conn = conn

    async def template(self, office_id: UUID, key: str, language: str) -> Template | None:
        if standard(key, language) is None:
            return None  # only standard keys exist; an override of an unknown key cannot be stored
        row = await override(self.conn, office_id, key, language)
        if row is None:
            return standard(key, language)
        return Template(subject=row["subject"], body=row["body"], html=row["html"])


async def overrides(conn: asyncpg.Connection | asyncpg.Pool, office_id: UUID) -> list[dict[str, Any]]:
    """Every override of the office."""
    rows = await conn.fetch(f"SELECT {_COLUMNS} FROM template_overrides WHERE office_id = $1 "
                            "ORDER BY key, language", office_id)
    return [dict(r) for r in rows]


async def override(conn: asyncpg.Connection | asyncpg.Pool, office_id: UUID, key: str,
                   language: str) -> dict[str, Any] | None:
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM template_overrides WHERE office_id = $1 AND key = $2 "
                              "AND language = $3", office_id, key, language)
    return dict(row) if row else None


async def save(conn: asyncpg.Connection | asyncpg.Pool, office_id: UUID, key: str, language: str,
               template: Template, by: str) -> None:
    await conn.execute(
        "INSERT INTO template_overrides (office_id, key, language, subject, body, html, updated_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (office_id, key, language) DO UPDATE SET "
        "subject = EXCLUDED.subject, body = EXCLUDED.body, html = EXCLUDED.html, "
        "updated_by = EXCLUDED.updated_by, updated_at = now()",
        office_id, key, language, template.subject, template.body, template.html, by)


async def delete(conn: asyncpg.Connection | asyncpg.Pool, office_id: UUID, key: str, language: str) -> bool:
    """Drop the override (back to the standard); False when there was none."""
    done = await conn.execute("DELETE FROM template_overrides WHERE office_id = $1 AND key = $2 AND language = $3",
                              office_id, key, language)
    return done != "DELETE 0"
