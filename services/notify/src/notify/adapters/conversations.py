"""Conversations, their messages and read receipts in Postgres (COM-1, COM-4)."""
from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import asyncpg

from notify.adapters.message_files import FILES_OF_MESSAGE
from notify.domain.conversations import Viewer

_VISIBLE = "($2::text = 'office' OR c.recipient_user_id = $3 OR (c.recipient_user_id IS NULL AND $4::boolean))"
# Unread for the caller: messages of the other side they have no receipt for.
_UNREAD = ("(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.author_side <> $2::text "
           "AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id AND r.user_id = $3))")
_FIELDS = ("c.id, c.subject, c.recipient_user_id, c.document_id, c.proposal_id, c.started_by_side, c.status, "
           "c.created_at, c.last_message_at, c.closed_at, c.archived_at")


def _who(v: Viewer) -> tuple[str, UUID, bool]:
    return v.side, v.user_id, v.full_access


async def open_thread(conn: asyncpg.Connection, *, office_id: UUID, dossier_id: UUID, subject: str,
                      recipient_user_id: UUID | None, started_by_side: str, request_id: UUID | None = None,
                      document_id: UUID | None = None, proposal_id: UUID | None = None,
                      office_contact_id: UUID | None = None, office_contact_email: str | None = None) -> UUID | None:
    """A new thread; None when the request that opens it already did (redelivery)."""
    return await conn.fetchval(
        "INSERT INTO conversations (id, request_id, office_id, dossier_id, subject, recipient_user_id, document_id, "
        "proposal_id, started_by_side, office_contact_id, office_contact_email) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (request_id) DO NOTHING RETURNING id",
        uuid.uuid4(), request_id, office_id, dossier_id, subject, recipient_user_id, document_id, proposal_id,
        started_by_side, office_contact_id, office_contact_email)


async def add(conn: asyncpg.Connection, thread: dict[str, Any], text: str, *, side: str, author_id: UUID | None,
              author_name: str | None, request_id: UUID | None = None, template: str | None = None,
              params: dict | None = None, attachments: list | None = None) -> dict[str, Any]:
    """Append a message to a thread; the author has read it. Returns the message row."""
    row = await conn.fetchrow(
        "INSERT INTO messages (id, request_id, office_id, dossier_id, recipient_user_id, template, text, params, "
        "attachments, conversation_id, author_side, author_id, author_name) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
        "RETURNING id, author_side, author_id, author_name, text, attachments, created_at",
        uuid.uuid4(), request_id, thread["office_id"], thread["dossier_id"], thread["recipient_user_id"], template,
        text, params or {}, attachments or [], thread["id"], side, author_id, author_name)
    await conn.execute("UPDATE conversations SET last_message_at = $2 WHERE id = $1", thread["id"], row["created_at"])
    if author_id is not None:
        await conn.execute("INSERT INTO message_reads (message_id, user_id) VALUES ($1, $2)", row["id"], author_id)
    return dict(row)


async def threads(pool: asyncpg.Pool, dossier_id: UUID, viewer: Viewer,
                  archived: bool = False) -> list[dict[str, Any]]:
    """The caller's threads of the dossier, latest activity first, each with its unread count for them: those not
    archived, or (``archived``) only the archived ones (COM-4)."""
    rows = await pool.fetch(
        f"SELECT {_FIELDS}, {_UNREAD} AS unread FROM conversations c WHERE c.dossier_id = $1 AND {_VISIBLE} "
        "AND (c.archived_at IS NOT NULL) = $5 ORDER BY c.last_message_at DESC LIMIT 500", dossier_id, *_who(viewer),
        archived)
    return [dict(r) for r in rows]


async def unread(pool: asyncpg.Pool, dossier_id: UUID, viewer: Viewer) -> dict[str, int]:
    """The caller's unread messages in the dossier and the threads holding them."""
    row = await pool.fetchrow(
        f"SELECT coalesce(sum(u), 0)::int AS messages, count(*) FILTER (WHERE u > 0)::int AS conversations "
        f"FROM (SELECT {_UNREAD} AS u FROM conversations c WHERE c.dossier_id = $1 AND {_VISIBLE}) t",
        dossier_id, *_who(viewer))
    return dict(row)


async def thread(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID, conversation_id: UUID,
                 viewer: Viewer, *, lock: bool = False) -> dict[str, Any] | None:
    """One thread of the dossier if the caller may see it (None otherwise: not revealed)."""
    row = await conn.fetchrow(
        f"SELECT {_FIELDS}, c.office_id, c.dossier_id, c.office_contact_id, c.office_contact_email "
        f"FROM conversations c WHERE c.dossier_id = $1 AND {_VISIBLE} AND c.id = $5"
        + (" FOR UPDATE" if lock else ""), dossier_id, *_who(viewer), conversation_id)
    return dict(row) if row else None


async def messages_of(conn: asyncpg.Connection, conversation_id: UUID) -> list[dict[str, Any]]:
    """The thread's messages in order, each with its read receipts (who, when)."""
    rows = await conn.fetch(
        "SELECT m.id, m.author_side, m.author_id, m.author_name, m.text, m.attachments, m.created_at, m.edited_at, "
        "coalesce((SELECT jsonb_agg(jsonb_build_object('user_id', r.user_id, 'read_at', r.read_at) "
        f"ORDER BY r.read_at) FROM message_reads r WHERE r.message_id = m.id), '[]') AS read_by, {FILES_OF_MESSAGE} "
        "FROM messages m WHERE m.conversation_id = $1 ORDER BY m.created_at, m.id", conversation_id)
    return [dict(r) for r in rows]


async def mark_read(conn: asyncpg.Connection, conversation_id: UUID, user_id: UUID) -> int:
    """Receipts for every message of the thread the user had not read; returns how many were new."""
    status = await conn.execute(
        "INSERT INTO message_reads (message_id, user_id) SELECT id, $2 FROM messages WHERE conversation_id = $1 "
        "ON CONFLICT DO NOTHING", conversation_id, user_id)
    return int(status.rsplit(" ", 1)[-1])


async def close(conn: asyncpg.Connection, conversation_id: UUID, by: UUID) -> None:
    await conn.execute("UPDATE conversations SET status = 'closed', closed_at = now(), closed_by = $2 "
                       "WHERE id = $1 AND status = 'open'", conversation_id, by)


async def message(conn: asyncpg.Connection, conversation_id: UUID, message_id: UUID) -> dict[str, Any] | None:
    """One message of the thread (for its author), locked for a change."""
    row = await conn.fetchrow("SELECT id, author_side, author_id FROM messages WHERE id = $1 AND conversation_id = $2 "
                              "FOR UPDATE", message_id, conversation_id)
    return dict(row) if row else None


async def edit(conn: asyncpg.Connection, message_id: UUID, text: str) -> dict[str, Any]:
    """COM-4: the message's new text, stamped as edited now."""
    row = await conn.fetchrow("UPDATE messages SET text = $2, edited_at = now() WHERE id = $1 "
                              "RETURNING id, author_side, author_id, author_name, text, created_at, edited_at",
                              message_id, text)
    return dict(row)


async def archive(conn: asyncpg.Connection, conversation_id: UUID, by: UUID) -> None:
    """COM-4: a closed thread leaves the default list (archiving twice keeps the first time)."""
    await conn.execute("UPDATE conversations SET archived_at = now(), archived_by = $2 "
                       "WHERE id = $1 AND archived_at IS NULL", conversation_id, by)


async def restore(conn: asyncpg.Connection, conversation_id: UUID) -> None:
    """COM-4: an archived thread is back in the default list (who archived it and when is forgotten)."""
    await conn.execute("UPDATE conversations SET archived_at = NULL, archived_by = NULL "
                       "WHERE id = $1 AND archived_at IS NOT NULL", conversation_id)


async def office_authors(conn: asyncpg.Connection, conversation_id: UUID) -> list[UUID]:
    """The collaborators who wrote in the thread."""
    rows = await conn.fetch("SELECT DISTINCT author_id FROM messages WHERE conversation_id = $1 "
                            "AND author_side = 'office' AND author_id IS NOT NULL", conversation_id)
    return [r["author_id"] for r in rows]


async def monitor_counts(pool: asyncpg.Pool, office_id: UUID, dossier_ids: list[UUID] | None) -> list[dict[str, Any]]:
    """ACT-1: per dossier of the office (or of ``dossier_ids``): its settings, its open conversations and those
    whose last message is the client's."""
    rows = await pool.fetch(
        "SELECT d.dossier_id, d.settings, count(c.id) AS open_conversations, "
        "count(c.id) FILTER (WHERE last.author_side = 'client') AS waiting_for_office FROM platform_dossiers d "
        "LEFT JOIN conversations c ON c.dossier_id = d.dossier_id AND c.status = 'open' "
        "LEFT JOIN LATERAL (SELECT author_side FROM messages m WHERE m.conversation_id = c.id "
        "ORDER BY m.created_at DESC LIMIT 1) last ON true "
        "WHERE d.office_id = $1 AND ($2::uuid[] IS NULL OR d.dossier_id = ANY($2::uuid[])) "
        "GROUP BY d.dossier_id, d.settings ORDER BY d.dossier_id", office_id, dossier_ids)
    return [dict(r) for r in rows]
