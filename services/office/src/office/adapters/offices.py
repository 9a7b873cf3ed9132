"""Postgres repository of offices and their settings."""
from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from office.domain.office import DEFAULT_SETTINGS


def _office(row: asyncpg.Record) -> dict[str, Any]:
    return {"id": str(row["id"]), "slug": row["slug"], "name": row["name"], "portal_name": row["portal_name"],
            "default_language": row["default_language"], **DEFAULT_SETTINGS, **row["settings"]}


async def get(conn: asyncpg.Connection, office_id: str, *, for_update: bool = False) -> dict[str, Any]:
    """The office with its settings (defaults filled in)."""
    lock = " FOR UPDATE" if for_update else ""
    row = await conn.fetchrow(f"SELECT * FROM offices WHERE id = $1{lock}", uuid.UUID(office_id))
    if row is None:
        raise LookupError(f"office {office_id} does not exist")
    return _office(row)


async def by_slug(conn: asyncpg.Connection, slug: str) -> dict[str, Any] | None:
    """The office known by this slug, or None."""
    row = await conn.fetchrow("SELECT * FROM offices WHERE slug = $1", slug)
    return _office(row) if row else None


async def create(conn: asyncpg.Connection, *, slug: str, name: str, portal_name: str, language: str) -> str:
    """A new office with default settings; returns its id."""
    office_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO offices (id, slug, name, portal_name, default_language, settings) VALUES ($1, $2, $3, $4, $5, $6)",
        office_id, slug, name, portal_name, language, dict(DEFAULT_SETTINGS),
    )
    return str(office_id)


async def save(conn: asyncpg.Connection, office: dict[str, Any]) -> None:
    """Store the office's name columns and settings document."""
    named = {"id", "slug", "name", "portal_name", "default_language"}
    await conn.execute(
        "UPDATE offices SET name = $2, portal_name = $3, default_language = $4, settings = $5 WHERE id = $1",
        uuid.UUID(office["id"]), office["name"], office["portal_name"], office["default_language"],
        {k: v for k, v in office.items() if k not in named},
    )


def public(office: dict[str, Any]) -> dict[str, Any]:
    """What the login page may show about an office (OFF-1)."""
    return {"slug": office["slug"], "name": office["name"], "portal_name": office["portal_name"],
            "default_language": office["default_language"]}
