"""Postgres repository of collaborator groups and client groups (OFF-3, DOS-5): domain.ports.Groups."""
from __future__ import annotations

import uuid
from collections.abc import Iterable

import asyncpg

from office.adapters.dossiers import as_uuid
from office.domain.groups import CLIENT_GROUPS, COLLABORATOR_GROUPS, KNOWN, ClientGroup, CollaboratorGroup, name_taken

_COLLABORATOR_GROUPS = """
    SELECT g.id, g.name, coalesce(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.user_id IS NOT NULL),
           '{}') AS members
      FROM collaborator_groups g LEFT JOIN collaborator_group_members m ON m.group_id = g.id
     WHERE g.office_id = $1 AND ($2::uuid IS NULL OR g.id = $2)
     GROUP BY g.id ORDER BY lower(g.name)"""
_CLIENT_GROUPS = """
    SELECT g.id, g.name,
           array(SELECT id FROM dossiers WHERE client_group_id = g.id ORDER BY id) AS dossiers,
           array(SELECT user_id FROM client_group_collaborators WHERE group_id = g.id ORDER BY user_id) AS collaborators,
           array(SELECT collaborator_group_id FROM client_group_collaborator_groups WHERE group_id = g.id
                 ORDER BY collaborator_group_id) AS collaborator_groups
      FROM client_groups g WHERE g.office_id = $1 AND ($2::uuid IS NULL OR g.id = $2)
     ORDER BY lower(g.name)"""
_KNOWN = {"collaborators": "users WHERE kind = 'collaborator' AND", "dossiers": "dossiers WHERE",
          "collaborator_groups": "collaborator_groups WHERE", "client_groups": "client_groups WHERE"}


def _ids(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _uuids(ids: Iterable[str]) -> list[uuid.UUID]:
    return [uuid.UUID(i) for i in ids]


class PgGroups:
    """Implements domain.ports.Groups on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def _fetch(self, query: str, office_id: str, group_id: str | None) -> list[asyncpg.Record]:
        gid = as_uuid(group_id) if group_id is not None else None
        if group_id is not None and gid is None:
            return []  # not an id: no such group
        return await self.conn.fetch(query, uuid.UUID(office_id), gid)

    async def collaborator_groups(self, office_id: str, group_id: str | None = None) -> list[CollaboratorGroup]:
        rows = await self._fetch(_COLLABORATOR_GROUPS, office_id, group_id)
        return [CollaboratorGroup(str(r["id"]), r["name"], _ids(r["members"])) for r in rows]

    async def client_groups(self, office_id: str, group_id: str | None = None) -> list[ClientGroup]:
        rows = await self._fetch(_CLIENT_GROUPS, office_id, group_id)
        return [ClientGroup(str(r["id"]), r["name"], _ids(r["dossiers"]), _ids(r["collaborators"]),
                            _ids(r["collaborator_groups"])) for r in rows]

    async def create(self, kind: str, office_id: str, name: str) -> str:
        group_id = uuid.uuid4()
        try:
            async with self.conn.transaction():  # a savepoint: the unit of work goes on after a refused name
                await self.conn.execute(f"INSERT INTO {_table(kind)} (id, office_id, name) VALUES ($1, $2, $3)",
                                        group_id, uuid.UUID(office_id), name)
        except asyncpg.UniqueViolationError:
            raise name_taken() from None
        return str(group_id)

    async def rename(self, kind: str, group_id: str, name: str) -> None:
        try:
            async with self.conn.transaction():
                await self.conn.execute(f"UPDATE {_table(kind)} SET name = $2 WHERE id = $1", uuid.UUID(group_id), name)
        except asyncpg.UniqueViolationError:
            raise name_taken() from None

    async def delete(self, kind: str, group_id: str) -> None:
        await self.conn.execute(f"DELETE FROM {_table(kind)} WHERE id = $1", uuid.UUID(group_id))

    async def set_members(self, group_id: str, user_ids: list[str]) -> None:
        gid = uuid.UUID(group_id)
        await self.conn.execute("DELETE FROM collaborator_group_members WHERE group_id = $1", gid)
        await self.conn.executemany("INSERT INTO collaborator_group_members (group_id, user_id) VALUES ($1, $2)",
                                    [(gid, u) for u in _uuids(user_ids)])

    async def set_client_group(self, group_id: str, *, dossiers: list[str] | None, collaborators: list[str] | None,
                               collaborator_groups: list[str] | None) -> None:
        gid, conn = uuid.UUID(group_id), self.conn
        if dossiers is not None:
            await conn.execute("UPDATE dossiers SET client_group_id = NULL WHERE client_group_id = $1", gid)
            await conn.execute("UPDATE dossiers SET client_group_id = $1 WHERE id = ANY($2::uuid[])", gid,
                               _uuids(dossiers))
        if collaborators is not None:
            await conn.execute("DELETE FROM client_group_collaborators WHERE group_id = $1", gid)
            await conn.executemany("INSERT INTO client_group_collaborators (group_id, user_id) VALUES ($1, $2)",
                                   [(gid, u) for u in _uuids(collaborators)])
        if collaborator_groups is not None:
            await conn.execute("DELETE FROM client_group_collaborator_groups WHERE group_id = $1", gid)
            await conn.executemany(
                "INSERT INTO client_group_collaborator_groups (group_id, collaborator_group_id) VALUES ($1, $2)",
                [(gid, g) for g in _uuids(collaborator_groups)])

    async def dossiers_of_client_groups(self, group_ids: list[str]) -> list[str]:
        rows = await self.conn.fetch("SELECT id FROM dossiers WHERE client_group_id = ANY($1::uuid[])",
                                     _uuids(group_ids))
        return sorted(str(r["id"]) for r in rows)

    async def client_groups_of_collaborator_group(self, group_id: str) -> list[str]:
        rows = await self.conn.fetch(
            "SELECT group_id FROM client_group_collaborator_groups WHERE collaborator_group_id = $1", uuid.UUID(group_id))
        return sorted(str(r["group_id"]) for r in rows)

    async def known(self, office_id: str, what: str, ids: list[str]) -> set[str]:
        assert what in KNOWN, what
        rows = await self.conn.fetch(f"SELECT id FROM {_KNOWN[what]} office_id = $1 AND id = ANY($2::uuid[])",
                                     uuid.UUID(office_id), _uuids(ids))
        return {str(r["id"]) for r in rows}


def _table(kind: str) -> str:
    assert kind in (COLLABORATOR_GROUPS, CLIENT_GROUPS), kind
    return kind
