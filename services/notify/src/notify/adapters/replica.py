"""The dossiers notify knows (dossier.changed): name, office, settings, client users and assigned collaborators."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged

from notify.domain.audience import Dossier, DossierUser, Person


async def replace(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Store the snapshot of the dossier, replacing what was known (its users included)."""
    snap = event.dossier
    await conn.execute(
        "INSERT INTO dossiers (dossier_id, office_id, name, settings) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (dossier_id) DO UPDATE SET office_id = EXCLUDED.office_id, name = EXCLUDED.name, "
        "settings = EXCLUDED.settings, updated_at = now()",
        event.dossier_id, event.office_id, snap.name, snap.settings.model_dump(mode="json"))
    await conn.execute("DELETE FROM dossier_users WHERE dossier_id = $1", event.dossier_id)
    await conn.executemany(
        "INSERT INTO dossier_users (dossier_id, user_id, email, name, language, profile, active) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [(event.dossier_id, u.user_id, u.email, u.name, u.language, u.profile, u.active) for u in snap.users])
    await conn.execute("DELETE FROM dossier_collaborators WHERE dossier_id = $1", event.dossier_id)
    await conn.executemany(
        "INSERT INTO dossier_collaborators (dossier_id, collaborator_id, email, name, language) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        [(event.dossier_id, a.collaborator_id, a.email, a.name, a.language) for a in snap.assignments])


async def load(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> Dossier | None:
    """The dossier with its users, or None when it was never replicated."""
    row = await conn.fetchrow("SELECT dossier_id, office_id, name FROM dossiers WHERE dossier_id = $1", dossier_id)
    if row is None:
        return None
    users = await conn.fetch("SELECT user_id, email, name, language, profile, active FROM dossier_users "
                             "WHERE dossier_id = $1 ORDER BY email", dossier_id)
    return Dossier(dossier_id=row["dossier_id"], office_id=row["office_id"], name=row["name"],
                   users=tuple(DossierUser(**dict(u)) for u in users))


async def collaborators(conn: asyncpg.Connection, dossier_id: UUID, ids: list[UUID] | None) -> list[Person]:
    """The collaborators assigned to the dossier (only those among `ids` unless None), as addressees (COM-6)."""
    rows = await conn.fetch("SELECT collaborator_id, email, name, language FROM dossier_collaborators "
                            "WHERE dossier_id = $1 AND ($2::uuid[] IS NULL OR collaborator_id = ANY($2::uuid[])) "
                            "ORDER BY email",
                            dossier_id, ids)
    return [Person(r["email"], r["name"], r["language"], r["collaborator_id"]) for r in rows]


async def access_row(pool: asyncpg.Pool, dossier_id: UUID) -> dict[str, Any] | None:
    """office_id and settings of the dossier, for runtime.auth's replica resolver."""
    row = await pool.fetchrow("SELECT office_id, settings FROM dossiers WHERE dossier_id = $1", dossier_id)
    return dict(row) if row else None
