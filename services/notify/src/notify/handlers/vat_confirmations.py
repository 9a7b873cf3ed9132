"""COM-2 "VAT return OK": a client signals that all documents of a VAT period are in.

The first confirmation of a dossier's period writes a message to the office in a new conversation (mailed like any
client message, COM-6) and is kept as the period's mark; a later one changes nothing and answers the first (when,
by whom).
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg

from notify.adapters import conversations, replica, vat_confirmations
from notify.domain import vat_period
from notify.domain.conversations import Viewer
from notify.handlers.message_mail import tell_other_side


async def _settings(conn: asyncpg.Connection, dossier_id: UUID) -> dict[str, Any]:
    raw = await conn.fetchval("SELECT settings FROM platform_dossiers WHERE dossier_id = $1", dossier_id)
    return json.loads(raw) if isinstance(raw, str) else dict(raw or {})


async def confirm(pool: asyncpg.Pool, dossier_id: UUID, viewer: Viewer, period_text: str, portal_url: str,
                  today: date) -> tuple[bool, dict[str, Any]]:
    """(True, the confirmation) when this call confirmed the period; (False, the earlier one) when it was already."""
    async with pool.acquire() as conn, conn.transaction():
        period = vat_period.parse(period_text, today, await _settings(conn, dossier_id))
        dossier = await replica.load(conn, dossier_id)
        me = next((u for u in dossier.users if u.user_id == viewer.user_id), None)
        claimed = await vat_confirmations.claim(conn, dossier_id=dossier_id, office_id=dossier.office_id,
                                                period=period.code, by=viewer.user_id, by_name=me.name if me else None)
        if claimed is None:
            return False, await vat_confirmations.one(conn, dossier_id, period.code)
        subject, text = vat_period.message(period, me.language if me else "en")
        thread_id = await conversations.open_thread(
            conn, office_id=dossier.office_id, dossier_id=dossier_id, subject=subject,
            recipient_user_id=viewer.user_id, started_by_side="client")
        thread = await conversations.thread(conn, dossier_id, thread_id, viewer)
        message = await conversations.add(conn, thread, text, side="client", author_id=viewer.user_id,
                                          author_name=claimed["confirmed_by_name"], template="vat_return.confirmed",
                                          params={"period": period.code})
        await tell_other_side(conn, thread, message, dossier, portal_url)
        await vat_confirmations.link(conn, dossier_id, period.code, thread_id)
        return True, {**claimed, "conversation_id": thread_id}
