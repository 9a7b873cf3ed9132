"""Postgres repository of dossier activity (ACT-1): documents received, sent to accounting, sync status."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg


async def _ensure(conn: asyncpg.Connection, dossier_id: uuid.UUID) -> bool:
    """Create the dossier's activity row; False when office knows no such dossier."""
    if not await conn.fetchval("SELECT true FROM dossiers WHERE id = $1", dossier_id):
        return False
    await conn.execute("INSERT INTO dossier_activity (dossier_id) VALUES ($1) ON CONFLICT DO NOTHING", dossier_id)
    return True


async def document_received(conn: asyncpg.Connection, dossier_id: uuid.UUID, at: datetime) -> None:
    """Count a document and remember the latest arrival."""
    if await _ensure(conn, dossier_id):
        await conn.execute(
            """UPDATE dossier_activity SET documents_received = documents_received + 1,
                      last_document_at = greatest(last_document_at, $2) WHERE dossier_id = $1""", dossier_id, at)


async def add_sent(conn: asyncpg.Connection, dossier_id: uuid.UUID, delta: int) -> None:
    """Move the sent-to-accounting counter (never below zero)."""
    if await _ensure(conn, dossier_id):
        await conn.execute("UPDATE dossier_activity SET sent_to_accounting = greatest(sent_to_accounting + $2, 0) "
                           "WHERE dossier_id = $1", dossier_id, delta)


async def reset_sent(conn: asyncpg.Connection, dossier_id: uuid.UUID) -> None:
    """SYN-4: reset the sent-to-accounting counter."""
    if await _ensure(conn, dossier_id):
        await conn.execute("UPDATE dossier_activity SET sent_to_accounting = 0 WHERE dossier_id = $1", dossier_id)


async def synced(conn: asyncpg.Connection, dossier_id: uuid.UUID, *, status: str, error: str | None, at: datetime,
                 reason: str | None) -> None:
    """Record the outcome of a synchronisation run (ACT-1 sync status)."""
    if await _ensure(conn, dossier_id):
        await conn.execute(
            """UPDATE dossier_activity SET sync_status = $2, sync_error = $3, last_sync_at = $4, last_sync_reason = $5
                WHERE dossier_id = $1 AND (last_sync_at IS NULL OR last_sync_at <= $4)""",
            dossier_id, status, error, at, reason)


async def of_office(conn: asyncpg.Connection, office_id: str) -> dict[str, dict[str, Any]]:
    """The activity of every dossier of the office, by dossier id."""
    rows = await conn.fetch("SELECT a.* FROM dossier_activity a JOIN dossiers d ON d.id = a.dossier_id "
                            "WHERE d.office_id = $1", uuid.UUID(office_id))
    return {str(r["dossier_id"]): dict(r) for r in rows}
