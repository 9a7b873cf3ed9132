"""Each office's portal address (its slug), as the office's own requests name it (issue 17 item 4), and the office's
people as its own requests address them (ACT-3: an administrator assigned to no dossier)."""
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


async def remember_person(conn: asyncpg.Connection, office_id: UUID, user_id: UUID, email: str, name: str | None,
                          language: str) -> None:
    """The person's address, name and language as the office's latest request to them gives them."""
    await conn.execute(
        "INSERT INTO office_people (office_id, user_id, email, name, language) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (office_id, user_id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name, "
        "language = EXCLUDED.language, updated_at = now()", office_id, user_id, email, name, language)
