"""The outgoing mail queue (COM-6): one row per request and address, delivered by the sender.

(request_id, to_address) is unique, so a redelivered request queues nothing twice. A sender claims a due
mail with FOR UPDATE SKIP LOCKED and keeps the lock until it recorded the outcome: two senders never send
the same mail at once.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg
from contracts.events.notifications import NotificationRequested

from notify.handlers.compose import MailDraft

_CLAIM = ("SELECT id, request_id, template, to_address, to_name, subject, body, html, attachments, attempts "
          "FROM outgoing_mail WHERE status = 'queued' AND next_attempt_at <= now() "
          "ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED")


async def queue(conn: asyncpg.Connection, request: NotificationRequested, drafts: tuple[MailDraft, ...]) -> int:
    """Queue the drafts of a request; returns how many were new."""
    attachments = [a.model_dump(mode="json") for a in request.attachments]
    added = 0
    for d in drafts:
        new = await conn.fetchval(
            "INSERT INTO outgoing_mail (id, request_id, office_id, dossier_id, template, language, to_address, "
            "to_name, subject, body, html, attachments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
            "ON CONFLICT (request_id, to_address) DO NOTHING RETURNING true",
            uuid.uuid4(), request.event_id, request.office_id, request.dossier_id, request.template,
            d.person.language, d.person.email, d.person.name, d.rendered.subject, d.rendered.body, d.rendered.html,
            attachments)
        added += bool(new)
    return added


async def claim(conn: asyncpg.Connection) -> dict[str, Any] | None:
    """The next due mail, locked for the caller's transaction; None when nothing is due."""
    row = await conn.fetchrow(_CLAIM)
    return dict(row) if row else None


async def sent(conn: asyncpg.Connection, mail_id: uuid.UUID) -> None:
    await conn.execute("UPDATE outgoing_mail SET status = 'sent', attempts = attempts + 1, sent_at = now(), "
                       "last_error = NULL WHERE id = $1", mail_id)


async def retry(conn: asyncpg.Connection, mail_id: uuid.UUID, error: str, at: datetime) -> None:
    await conn.execute("UPDATE outgoing_mail SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 "
                       "WHERE id = $1", mail_id, error[:2000], at)


async def failed(conn: asyncpg.Connection, mail_id: uuid.UUID, error: str) -> None:
    await conn.execute("UPDATE outgoing_mail SET status = 'failed', attempts = attempts + 1, last_error = $2 "
                       "WHERE id = $1", mail_id, error[:2000])


async def listing(pool: asyncpg.Pool, office_id: uuid.UUID, status: str | None, limit: int = 200) -> list[dict]:
    """The office's mails (newest first), without their bodies."""
    rows = await pool.fetch(
        "SELECT id, request_id, dossier_id, template, language, to_address, subject, status, attempts, "
        "next_attempt_at, last_error, created_at, sent_at FROM outgoing_mail WHERE office_id = $1 "
        "AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC LIMIT $3", office_id, status, limit)
    return [dict(r) for r in rows]
