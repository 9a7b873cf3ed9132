"""Group use cases (OFF-3, DOS-5): collaborator groups and client groups with their members and dossiers.

A COLLABORATOR reaches the dossiers of the client groups they belong to, directly or through a
collaborator group; every change of that reach republishes the dossiers concerned.
"""
from __future__ import annotations

from typing import Any

import asyncpg

from office.adapters import events, groups
from office.adapters.dossiers import as_uuid
from office.domain import values
from office.domain.errors import Conflict, InvalidInput, NotFound
from office.handlers.context import Caller, Deps

COLLABORATOR_GROUPS, CLIENT_GROUPS = "collaborator_groups", "client_groups"


def _ids(body: dict[str, Any], key: str) -> list[str] | None:
    if key not in body:
        return None
    raw = body[key]
    if not isinstance(raw, list):
        raise InvalidInput(key, "must be a list of ids")
    parsed = [as_uuid(v) for v in raw]
    if any(p is None for p in parsed):
        raise InvalidInput(key, "must be a list of ids")
    return sorted({str(p) for p in parsed})


async def _check_exist(conn: asyncpg.Connection, caller: Caller, key: str, table: str, ids: list[str] | None,
                       where: str = "TRUE") -> None:
    if ids:
        found = await groups.existing(conn, caller.office["id"], table, ids, where=where)
        missing = sorted(set(ids) - found)
        if missing:
            raise InvalidInput(key, f"{missing[0]} is not one of your office's {table.replace('_', ' ')}", "unknown_reference")


async def list_groups(deps: Deps, caller: Caller, table: str) -> dict[str, Any]:
    """The office's collaborator groups or client groups."""
    caller.may("group.view")
    async with deps.pool.acquire() as conn:
        fetch = groups.collaborator_groups if table == COLLABORATOR_GROUPS else groups.client_groups
        return {"items": await fetch(conn, caller.office["id"])}


async def get_group(deps: Deps, caller: Caller, table: str, group_id: str) -> dict[str, Any]:
    """One group of the office; NotFound otherwise."""
    caller.may("group.view")
    async with deps.pool.acquire() as conn:
        return await _group(conn, caller, table, group_id)


async def _group(conn: asyncpg.Connection, caller: Caller, table: str, group_id: str) -> dict[str, Any]:
    gid = as_uuid(group_id)
    fetch = groups.collaborator_groups if table == COLLABORATOR_GROUPS else groups.client_groups
    found = await fetch(conn, caller.office["id"], str(gid)) if gid else []
    if not found:
        raise NotFound("no such group in your office")
    return found[0]


async def save_group(deps: Deps, caller: Caller, table: str, body: dict[str, Any],
                     group_id: str | None = None) -> dict[str, Any]:
    """Create (no ``group_id``) or change a group; lists given replace the current ones."""
    caller.may("group.manage")
    if not isinstance(body, dict):
        raise InvalidInput("body", "must be an object")
    name = values.name(body.get("name"), "name", 100) if ("name" in body or group_id is None) else None
    async with deps.transaction() as conn:
        before = await _group(conn, caller, table, group_id) if group_id else None
        try:
            async with conn.transaction():
                gid = group_id or await groups.create(conn, table, caller.office["id"], name or "")
                if group_id and name:
                    await groups.rename(conn, table, group_id, name)
        except asyncpg.UniqueViolationError:
            raise Conflict("a group with this name already exists", field="name", reason="name_taken") from None
        if table == COLLABORATOR_GROUPS:
            await _save_members(conn, caller, gid, body)
        else:
            await _save_client_group(conn, caller, gid, body)
        after = await _group(conn, caller, table, gid)
        await _republish(conn, caller, table, before, after)
    return after


async def _save_members(conn: asyncpg.Connection, caller: Caller, gid: str, body: dict[str, Any]) -> None:
    members = _ids(body, "members")
    await _check_exist(conn, caller, "members", "users", members, "kind = 'collaborator'")
    if members is not None:
        await groups.set_members(conn, gid, members)


async def _save_client_group(conn: asyncpg.Connection, caller: Caller, gid: str, body: dict[str, Any]) -> None:
    lists = {key: _ids(body, key) for key in ("dossiers", "collaborators", "collaborator_groups")}
    await _check_exist(conn, caller, "dossiers", "dossiers", lists["dossiers"])
    await _check_exist(conn, caller, "collaborators", "users", lists["collaborators"], "kind = 'collaborator'")
    await _check_exist(conn, caller, "collaborator_groups", "collaborator_groups", lists["collaborator_groups"])
    await groups.set_client_group(conn, gid, **lists)


async def delete_group(deps: Deps, caller: Caller, table: str, group_id: str) -> None:
    """Delete a group; the dossiers it gave reach to are republished."""
    caller.may("group.manage")
    async with deps.transaction() as conn:
        before = await _group(conn, caller, table, group_id)
        affected = await _affected(conn, table, before)
        await groups.delete(conn, table, group_id)
        await events.dossier_changed(conn, caller.office, affected, "assignments", caller.user_id)


async def _affected(conn: asyncpg.Connection, table: str, group: dict[str, Any] | None) -> set[str]:
    if group is None:
        return set()
    if table == CLIENT_GROUPS:
        return set(group["dossiers"])
    client_groups = await groups.client_groups_of_collaborator_group(conn, group["id"])
    return set(await groups.dossiers_of_client_groups(conn, client_groups))


async def _republish(conn: asyncpg.Connection, caller: Caller, table: str, before: dict[str, Any] | None,
                     after: dict[str, Any]) -> None:
    if before is not None and {k: v for k, v in before.items() if k != "name"} == \
            {k: v for k, v in after.items() if k != "name"} and table == COLLABORATOR_GROUPS:
        return
    affected = await _affected(conn, table, before) | await _affected(conn, table, after)
    await events.dossier_changed(conn, caller.office, affected, "assignments", caller.user_id)
