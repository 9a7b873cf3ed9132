"""Postgres repository of collaborator groups and client groups (OFF-3, DOS-5)."""
from __future__ import annotations

import uuid
from typing import Any

import asyncpg


async def collaborator_groups(conn: asyncpg.Connection, office_id: str, group_id: str | None = None) -> list[dict[str, Any]]:
    """The office's collaborator groups with their members (one when ``group_id`` is given)."""
    rows = await conn.fetch(
        """SELECT g.id, g.name, coalesce(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.user_id IS NOT NULL),
                  '{}') AS members
             FROM collaborator_groups g LEFT JOIN collaborator_group_members m ON m.group_id = g.id
            WHERE g.office_id = $1 AND ($2::uuid IS NULL OR g.id = $2)
            GROUP BY g.id ORDER BY lower(g.name)""", uuid.UUID(office_id), uuid.UUID(group_id) if group_id else None)
    return [{"id": str(r["id"]), "name": r["name"], "members": [str(m) for m in r["members"]]} for r in rows]


async def client_groups(conn: asyncpg.Connection, office_id: str, group_id: str | None = None) -> list[dict[str, Any]]:
    """The office's client groups with their dossiers, collaborators and collaborator groups."""
    rows = await conn.fetch(
        """SELECT g.id, g.name,
                  array(SELECT id FROM dossiers WHERE client_group_id = g.id ORDER BY id) AS dossiers,
                  array(SELECT user_id FROM client_group_collaborators WHERE group_id = g.id ORDER BY user_id)
                      AS collaborators,
                  array(SELECT collaborator_group_id FROM client_group_collaborator_groups WHERE group_id = g.id
                        ORDER BY collaborator_group_id) AS collaborator_groups
             FROM client_groups g WHERE g.office_id = $1 AND ($2::uuid IS NULL OR g.id = $2)
            ORDER BY lower(g.name)""", uuid.UUID(office_id), uuid.UUID(group_id) if group_id else None)
    return [{"id": str(r["id"]), "name": r["name"], "dossiers": [str(d) for d in r["dossiers"]],
             "collaborators": [str(c) for c in r["collaborators"]],
             "collaborator_groups": [str(c) for c in r["collaborator_groups"]]} for r in rows]


async def create(conn: asyncpg.Connection, table: str, office_id: str, name: str) -> str:
    """A new group in ``collaborator_groups`` or ``client_groups``; UniqueViolationError when the name is taken."""
    assert table in ("collaborator_groups", "client_groups")
    group_id = uuid.uuid4()
    await conn.execute(f"INSERT INTO {table} (id, office_id, name) VALUES ($1, $2, $3)", group_id,
                       uuid.UUID(office_id), name)
    return str(group_id)


async def rename(conn: asyncpg.Connection, table: str, group_id: str, name: str) -> None:
    """Rename a group."""
    assert table in ("collaborator_groups", "client_groups")
    await conn.execute(f"UPDATE {table} SET name = $2 WHERE id = $1", uuid.UUID(group_id), name)


async def delete(conn: asyncpg.Connection, table: str, group_id: str) -> None:
    """Delete a group (memberships go with it; its dossiers leave it)."""
    assert table in ("collaborator_groups", "client_groups")
    await conn.execute(f"DELETE FROM {table} WHERE id = $1", uuid.UUID(group_id))


async def set_members(conn: asyncpg.Connection, group_id: str, user_ids: list[str]) -> None:
    """Make these collaborators the members of a collaborator group."""
    gid = uuid.UUID(group_id)
    await conn.execute("DELETE FROM collaborator_group_members WHERE group_id = $1", gid)
    await conn.executemany("INSERT INTO collaborator_group_members (group_id, user_id) VALUES ($1, $2)",
                           [(gid, uuid.UUID(u)) for u in user_ids])


async def set_client_group(conn: asyncpg.Connection, group_id: str, *, dossiers: list[str] | None,
                           collaborators: list[str] | None, collaborator_groups: list[str] | None) -> None:
    """Replace the lists of a client group that are given (None leaves a list as it is)."""
    gid = uuid.UUID(group_id)
    if dossiers is not None:
        await conn.execute("UPDATE dossiers SET client_group_id = NULL WHERE client_group_id = $1", gid)
        await conn.execute("UPDATE dossiers SET client_group_id = $1 WHERE id = ANY($2::uuid[])", gid,
                           [uuid.UUID(d) for d in dossiers])
    if collaborators is not None:
        await conn.execute("DELETE FROM client_group_collaborators WHERE group_id = $1", gid)
        await conn.executemany("INSERT INTO client_group_collaborators (group_id, user_id) VALUES ($1, $2)",
                               [(gid, uuid.UUID(u)) for u in collaborators])
    if collaborator_groups is not None:
        await conn.execute("DELETE FROM client_group_collaborator_groups WHERE group_id = $1", gid)
        await conn.executemany(
            "INSERT INTO client_group_collaborator_groups (group_id, collaborator_group_id) VALUES ($1, $2)",
            [(gid, uuid.UUID(g)) for g in collaborator_groups])


async def dossiers_of_client_groups(conn: asyncpg.Connection, group_ids: list[str]) -> list[str]:
    """The dossiers in these client groups."""
    rows = await conn.fetch("SELECT id FROM dossiers WHERE client_group_id = ANY($1::uuid[])",
                            [uuid.UUID(g) for g in group_ids])
    return [str(r["id"]) for r in rows]


async def client_groups_of_collaborator_group(conn: asyncpg.Connection, group_id: str) -> list[str]:
    """The client groups a collaborator group is attached to."""
    rows = await conn.fetch("SELECT group_id FROM client_group_collaborator_groups WHERE collaborator_group_id = $1",
                            uuid.UUID(group_id))
    return [str(r["group_id"]) for r in rows]


async def existing(conn: asyncpg.Connection, office_id: str, table: str, ids: list[str], *,
                   where: str = "TRUE") -> set[str]:
    """Which of these ids exist in ``table`` for the office (``where`` narrows, e.g. to collaborators)."""
    assert table in ("users", "dossiers", "collaborator_groups", "client_groups")
    rows = await conn.fetch(f"SELECT id FROM {table} WHERE office_id = $1 AND id = ANY($2::uuid[]) AND {where}",
                            uuid.UUID(office_id), [uuid.UUID(i) for i in ids])
    return {str(r["id"]) for r in rows}
