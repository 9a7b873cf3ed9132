"""Postgres repository of offices and their settings: domain.ports.Offices."""
from __future__ import annotations

import uuid

import asyncpg

from office.adapters.dossiers import as_uuid
from office.domain.office import DEFAULT_SETTINGS, Office


def _office(row: asyncpg.Record) -> Office:
    return Office.of(id=str(row["id"]), slug=row["slug"], name=row["name"], portal_name=row["portal_name"],
                     default_language=row["default_language"], settings=row["settings"])


class PgOffices:
    """Implements domain.ports.Offices on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def get(self, office_id: str, *, for_update: bool = False) -> Office | None:
        oid = as_uuid(office_id)
        lock = " FOR UPDATE" if for_update else ""
        row = await self.conn.fetchrow(f"SELECT * FROM offices WHERE id = $1{lock}", oid) if oid else None
        return _office(row) if row else None

    async def by_slug(self, slug: str) -> Office | None:
        row = await self.conn.fetchrow("SELECT * FROM offices WHERE slug = $1", slug)
        return _office(row) if row else None

    async def create(self, *, slug: str, name: str, portal_name: str, language: str) -> str:
        office_id = uuid.uuid4()
        await self.conn.execute(
            "INSERT INTO offices (id, slug, name, portal_name, default_language, settings) VALUES ($1, $2, $3, $4, $5, $6)",
            office_id, slug, name, portal_name, language, dict(DEFAULT_SETTINGS))
        return str(office_id)

    async def save(self, office: Office) -> None:
        await self.conn.execute(
            "UPDATE offices SET name = $2, portal_name = $3, default_language = $4, settings = $5 WHERE id = $1",
            uuid.UUID(office.id), office.name, office.portal_name, office.default_language, office.settings())

    async def pending_republish(self) -> list[str]:
        rows = await self.conn.fetch("SELECT office_id FROM republish_pending ORDER BY office_id")
        return [str(r["office_id"]) for r in rows]

    async def republished(self, office_id: str) -> None:
        await self.conn.execute("DELETE FROM republish_pending WHERE office_id = $1", uuid.UUID(office_id))
