"""COM-3: one message to many dossiers at once — one conversation per dossier, addressed to its full-access users,
with the dossier's placeholders filled (COM-5), each mailed like any office message (COM-6).

A dossier the caller may not start conversations in (not of the office, unassigned, archived: judged with the
replica's people like a single dossier's route) is skipped and named, never started."""
from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from runtime import replica as dossiers
from runtime.auth.principal import Principal

from notify.adapters import replica
from notify.domain import conversation_templates as templates
from notify.domain.conversations import Viewer
from notify.handlers.conversations import start


async def broadcast(pool: asyncpg.Pool, principal: Principal, dossier_ids: list[UUID], subject: str, text: str,
                    portal_url: str, today: date) -> dict[str, Any]:
    """``{started, conversations: [{dossier_id, conversation_id}], skipped: [{dossier_id, reason}]}``."""
    wanted = list(dict.fromkeys(dossier_ids))
    rows = await pool.fetch("SELECT dossier_id, settings FROM platform_dossiers WHERE dossier_id = ANY($1::uuid[]) "
                            "AND office_id = $2", wanted, UUID(principal.office_id))
    allowed = {r["dossier_id"] for r in await dossiers.allowed_rows(pool, principal, "conversation.start",
                                                                   [dict(r) for r in rows])}
    started, skipped = [], []
    viewer = Viewer(UUID(principal.subject), "office")
    for dossier_id in wanted:
        if dossier_id not in allowed:
            skipped.append({"dossier_id": str(dossier_id), "reason": "not_allowed"})
            continue
        dossier = await replica.load(pool, dossier_id)
        known = templates.values(dossier.name, None, today)
        thread = await start(pool, dossier_id, viewer, templates.fill(subject, known)[:200],
                             templates.fill(text, known)[:5000], None, portal_url)
        started.append({"dossier_id": str(dossier_id), "conversation_id": str(thread["id"])})
    return {"started": len(started), "conversations": started, "skipped": skipped}
