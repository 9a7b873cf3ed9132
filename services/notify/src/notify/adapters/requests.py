"""Notification requests and their fate (done, pending, failed), and the portal messages of a dossier."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.notifications import NotificationRequested


async def lock_dossier(conn: asyncpg.Connection, dossier_id: UUID) -> None:
    """Serialise, until the transaction ends, the two sides that meet on a dossier: a request finding the dossier
    missing and recording itself pending, and the dossier's arrival releasing what is pending. Without it, both run
    at once, neither sees the other's uncommitted row, and the request stays pending for ever."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 11))", str(dossier_id))


async def record(conn: asyncpg.Connection, request: NotificationRequested, status: str,
                 reason: str | None = None) -> None:
    """Record (or update) the request's status; its payload is kept only while it is pending."""
    payload = request.model_dump(mode="json") if status == "pending" else None
    await conn.execute(
        "INSERT INTO requests (event_id, office_id, dossier_id, template, status, reason, payload) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO UPDATE SET status = EXCLUDED.status, "
        "reason = EXCLUDED.reason, payload = EXCLUDED.payload, resolved_at = now()",
        request.event_id, request.office_id, request.dossier_id, request.template, status, reason, payload)


async def pending(conn: asyncpg.Connection, dossier_id: UUID) -> list[NotificationRequested]:
    """The requests waiting for this dossier, oldest first, locked until the caller's transaction ends."""
    rows = await conn.fetch("SELECT payload FROM requests WHERE dossier_id = $1 AND status = 'pending' "
                            "ORDER BY created_at FOR UPDATE", dossier_id)
    return [NotificationRequested.model_validate(r["payload"]) for r in rows]


async def messages(pool: asyncpg.Pool, dossier_id: UUID, user_id: UUID | None = None,
                   limit: int = 200) -> list[dict[str, Any]]:
    """The dossier's messages, newest first; with `user_id`, only those addressed to that user or to all."""
    rows = await pool.fetch(
        "SELECT id, conversation_id, author_side, author_name, recipient_user_id, template, text, params, attachments, "
        "created_at FROM messages "
        "WHERE dossier_id = $1 AND ($2::uuid IS NULL OR recipient_user_id IS NULL OR recipient_user_id = $2) "
        "ORDER BY created_at DESC LIMIT $3", dossier_id, user_id, limit)
    return [dict(r) for r in rows]
