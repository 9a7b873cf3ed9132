"""Each office's portal address (its slug), as the office's own requests name it (issue 17 item 4)."""
from __future__ import annotations

from uuid import UUID

import asyncpg


async def remember(conn: asyncpg.Connection, office_id: UUID, slug: str) -> None:
    """The office's slug as its latest request names it (an office renamed moves with it)."""
    await conn.execute("INSERT INTO office_slugs (office_id, slug) VALUES ($1, $2) ON CONFLICT (office_id) DO UPDATE "
                       "SET slug = EXCLUDED.slug, updated_at = now() WHERE office_slugs.slug <> EXCLUDED.slug",
                       office_id, slug)


async def slug_of(conn: asyncpg.Connection, office_id: UUID) -> str | None:
    return await conn.fetchval("SELECT slug FROM office_slugs WHERE office_id = $1", office_id)
