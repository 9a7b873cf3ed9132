"""Group use cases (OFF-3, DOS-5): collaborator groups and client groups with their members and dossiers.

A COLLABORATOR reaches the dossiers of the client groups they belong to, directly or through a
collaborator group; every change of that reach republishes the dossiers concerned.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from office.adapters.dossiers import as_uuid
from office.domain import values
from office.domain.errors import InvalidInput, NotFound
from office.domain.groups import CLIENT_GROUPS, COLLABORATOR_GROUPS, ClientGroup, Group
from office.domain.ports import UnitOfWork
from office.handlers.context import Caller, Deps

__all__ = ["CLIENT_GROUPS", "COLLABORATOR_GROUPS", "delete_group", "get_group", "list_groups", "save_group"]
# how an unknown reference is named in the answer
_LABELS = {"collaborators": "users", "dossiers": "dossiers", "collaborator_groups": "collaborator groups"}


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


async def _check_exist(uow: UnitOfWork, caller: Caller, key: str, what: str, ids: list[str] | None) -> None:
    if ids:
        missing = sorted(set(ids) - await uow.groups.known(caller.office.id, what, ids))
        if missing:
            raise InvalidInput(key, f"{missing[0]} is not one of your office's {_LABELS[what]}", "unknown_reference")


async def _of_office(uow: UnitOfWork, caller: Caller, kind: str, group_id: str | None = None) -> list[Group]:
    if kind == COLLABORATOR_GROUPS:
        return list(await uow.groups.collaborator_groups(caller.office.id, group_id))
    return list(await uow.groups.client_groups(caller.office.id, group_id))


async def list_groups(deps: Deps, caller: Caller, kind: str) -> dict[str, Any]:
    """The office's collaborator groups or client groups."""
    caller.may("group.view")
    async with deps.uow() as uow:
        return {"items": [g.as_json() for g in await _of_office(uow, caller, kind)]}


async def get_group(deps: Deps, caller: Caller, kind: str, group_id: str) -> dict[str, Any]:
    """One group of the office; NotFound otherwise."""
    caller.may("group.view")
    async with deps.uow() as uow:
        return (await _group(uow, caller, kind, group_id)).as_json()


async def _group(uow: UnitOfWork, caller: Caller, kind: str, group_id: str) -> Group:
    found = await _of_office(uow, caller, kind, group_id) if as_uuid(group_id) else []
    if not found:
        raise NotFound("no such group in your office")
    return found[0]


async def save_group(deps: Deps, caller: Caller, kind: str, body: dict[str, Any],
                     group_id: str | None = None) -> dict[str, Any]:
    """Create (no ``group_id``) or change a group; lists given replace the current ones."""
    caller.may("group.manage")
    if not isinstance(body, dict):
        raise InvalidInput("body", "must be an object")
    name = values.name(body.get("name"), "name", 100) if ("name" in body or group_id is None) else None
    async with deps.uow() as uow:
        before = await _group(uow, caller, kind, group_id) if group_id else None
        gid = group_id or await uow.groups.create(kind, caller.office.id, name or "")
        if group_id and name:
            await uow.groups.rename(kind, group_id, name)
        if kind == COLLABORATOR_GROUPS:
            await _save_members(uow, caller, gid, body)
        else:
            await _save_client_group(uow, caller, gid, body)
        after = await _group(uow, caller, kind, gid)
        await _republish(uow, caller, kind, before, after)
    return after.as_json()


async def _save_members(uow: UnitOfWork, caller: Caller, gid: str, body: dict[str, Any]) -> None:
    members = _ids(body, "members")
    await _check_exist(uow, caller, "members", "collaborators", members)
    if members is not None:
        await uow.groups.set_members(gid, members)


async def _save_client_group(uow: UnitOfWork, caller: Caller, gid: str, body: dict[str, Any]) -> None:
    lists = {key: _ids(body, key) for key in ("dossiers", "collaborators", "collaborator_groups")}
    for key in lists:
        await _check_exist(uow, caller, key, key, lists[key])
    await uow.groups.set_client_group(gid, **lists)


async def delete_group(deps: Deps, caller: Caller, kind: str, group_id: str) -> None:
    """Delete a group; the dossiers it gave reach to are republished."""
    caller.may("group.manage")
    async with deps.uow() as uow:
        before = await _group(uow, caller, kind, group_id)
        affected = await _affected(uow, before)
        await uow.groups.delete(kind, before.id)
        uow.dossier_changed(caller.office, affected, "assignments", caller.user_id)


async def _affected(uow: UnitOfWork, group: Group | None) -> set[str]:
    if group is None:
        return set()
    if isinstance(group, ClientGroup):
        return set(group.dossiers)
    client_groups = await uow.groups.client_groups_of_collaborator_group(group.id)
    return set(await uow.groups.dossiers_of_client_groups(client_groups))


async def _republish(uow: UnitOfWork, caller: Caller, kind: str, before: Group | None, after: Group) -> None:
    if before is not None and kind == COLLABORATOR_GROUPS and replace(before, name="") == replace(after, name=""):
        return  # a collaborator group only renamed: no snapshot names it
    affected = await _affected(uow, before) | await _affected(uow, after)
    uow.dossier_changed(caller.office, affected, "assignments", caller.user_id)
