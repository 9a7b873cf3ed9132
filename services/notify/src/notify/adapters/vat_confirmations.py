"""COM-2 confirmations ("VAT return OK") in Postgres: one per dossier and period."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

_FIELDS = "dossier_id, period, confirmed_at, confirmed_by, confirmed_by_name, conversation_id"


async def claim(conn: asyncpg.Connection, *, dossier_id: UUID, office_id: UUID, period: str, by: UUID,
                by_name: str | None) -> dict[str, Any] | None:
    """The new confirmation, or None when the period was confirmed already (the first one stays)."""
    row = await conn.fetchrow(
        "INSERT INTO vat_confirmations (dossier_id, office_id, period, confirmed_by, confirmed_by_name) "
        f"VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING {_FIELDS}",
        dossier_id, office_id, period, by, by_name)
    return dict(row) if row else None


async def link(conn: asyncpg.Connection, dossier_id: UUID, period: str, conversation_id: UUID) -> None:
    await conn.execute("UPDATE vat_confirmations SET conversation_id = $3 WHERE dossier_id = $1 AND period = $2",
                       dossier_id, period, conversation_id)


async def one(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID, period: str) -> dict[str, Any] | None:
    row = await conn.fetchrow(f"SELECT {_FIELDS} FROM vat_confirmations WHERE dossier_id = $1 AND period = $2",
                              dossier_id, period)
    return dict(row) if row else None


async def of_dossier(pool: asyncpg.Pool, dossier_id: UUID) -> list[dict[str, Any]]:
    """The dossier's confirmed periods, latest period first."""
    rows = await pool.fetch(f"SELECT {_FIELDS} FROM vat_confirmations WHERE dossier_id = $1 "
                            "ORDER BY period DESC LIMIT 200", dossier_id)
    return [dict(r) for r in rows]


async def of_office(pool: asyncpg.Pool, office_id: UUID, period: str | None) -> list[dict[str, Any]]:
    """The office's confirmations (of one period, or all), each with its dossier's settings for the permission
    check; latest first."""
    rows = await pool.fetch(
        f"SELECT v.{_FIELDS.replace(', ', ', v.')}, d.settings, d.name AS dossier_name FROM vat_confirmations v "
        "JOIN platform_dossiers d ON d.dossier_id = v.dossier_id WHERE v.office_id = $1 "
        "AND ($2::text IS NULL OR v.period = $2) ORDER BY v.period DESC, d.name LIMIT 5000", office_id, period)
    return [dict(r) for r in rows]
