"""Publishing every dossier of an office again when the snapshot gained a fact (migration 0004: issue 15's admins)."""
from __future__ import annotations

import asyncpg

from office.adapters import events, offices


async def republish_pending(conn: asyncpg.Connection) -> int:
    """Publish every dossier of each office a migration marked, once (the mark goes in the same transaction as the
    outbox rows); the number of offices done. Run at start, before the service serves."""
    done = 0
    for row in await conn.fetch("SELECT office_id, reason FROM republish_pending ORDER BY office_id"):
        async with conn.transaction():
            office = await offices.get(conn, str(row["office_id"]))
            await events.every_dossier_changed(conn, office, "assignments", None)
            await conn.execute("DELETE FROM republish_pending WHERE office_id = $1", row["office_id"])
        done += 1
    return done
