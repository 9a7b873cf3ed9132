"""The dossiers notify knows, from the platform's replica of dossier.changed (runtime.replica): name, office, client
users and assigned collaborators."""
from __future__ import annotations

from uuid import UUID

import asyncpg

from notify.domain.audience import Dossier, DossierUser, Person


async def load(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> Dossier | None:
    """The dossier with its users, or None when it was never replicated."""
    row = await conn.fetchrow("SELECT dossier_id, office_id, name FROM platform_dossiers WHERE dossier_id = $1",
                              dossier_id)
    if row is None:
        return None
    users = await conn.fetch("SELECT user_id, email, name, language, profile, active FROM platform_dossier_users "
                             "WHERE dossier_id = $1 ORDER BY email", dossier_id)
    return Dossier(dossier_id=row["dossier_id"], office_id=row["office_id"], name=row["name"],
                   users=tuple(DossierUser(**dict(u)) for u in users))


async def collaborators(conn: asyncpg.Connection, dossier_id: UUID, ids: list[UUID] | None) -> list[Person]:
    """The collaborators assigned to the dossier (only those among `ids` unless None), as addressees (COM-6);
    one assigned twice (directly and through its client group) is one addressee."""
    rows = await conn.fetch("SELECT * FROM (SELECT DISTINCT ON (collaborator_id) collaborator_id, email, name, "
                            "language FROM platform_dossier_assignments WHERE dossier_id = $1 "
                            "AND ($2::uuid[] IS NULL OR collaborator_id = ANY($2::uuid[])) "
                            "ORDER BY collaborator_id, position) first ORDER BY email", dossier_id, ids)
    return [Person(r["email"], r["name"], r["language"], r["collaborator_id"]) for r in rows]


async def office_admins(conn: asyncpg.Connection, dossier_id: UUID) -> tuple[Person, ...]:
    """The office's administrators as the dossier's last snapshot names them (DossierSnapshot.admins), each at the
    address, name and language of their newest assignment to a dossier of the office, else as the office's own
    requests to them gave it (office_people); an admin notify has no address for is not among them."""
    known = await conn.fetch(
        "SELECT p.user_id AS collaborator_id, p.email, p.name, p.language FROM platform_dossiers d "
        "JOIN office_people p ON p.office_id = d.office_id AND p.user_id = ANY(d.admins) WHERE d.dossier_id = $1",
        dossier_id)
    assigned = await conn.fetch(
        "SELECT DISTINCT ON (a.collaborator_id) a.collaborator_id, a.email, a.name, a.language "
        "FROM platform_dossiers d JOIN platform_dossiers o ON o.office_id = d.office_id "
        "JOIN platform_dossier_assignments a ON a.dossier_id = o.dossier_id AND a.collaborator_id = ANY(d.admins) "
        "WHERE d.dossier_id = $1 ORDER BY a.collaborator_id, o.updated_at DESC, a.position", dossier_id)
    found = {r["collaborator_id"]: r for r in known} | {r["collaborator_id"]: r for r in assigned}
    return tuple(Person(r["email"], r["name"], r["language"], r["collaborator_id"]) for r in found.values())
