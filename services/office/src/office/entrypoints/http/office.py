"""Office routes: settings (OFF-1, OFF-3), the active-clients monitor (ACT-1), collaborators (OFF-2), groups."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from office.entrypoints.http.common import caller, deps_of
from office.handlers import activity, collaborators, groups, office_settings
from office.handlers.context import Caller
from office.handlers.groups import CLIENT_GROUPS, COLLABORATOR_GROUPS

router = APIRouter()
JSON = Body(...)


@router.get("/office")
async def get_office(who: Caller = Depends(caller)) -> dict[str, Any]:
    return await office_settings.get_office(who)


@router.patch("/office")
async def patch_office(request: Request, body: dict[str, Any] = JSON, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await office_settings.patch_office(deps_of(request), who, body)


@router.get("/monitor")
async def monitor(request: Request, mine: bool = False, sort: str | None = None, order: str | None = None,
                  who: Caller = Depends(caller)) -> dict[str, Any]:
    return await activity.monitor(deps_of(request), who, mine=mine, sort=sort, order=order)


@router.get("/collaborators")
async def list_collaborators(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await collaborators.list_collaborators(deps_of(request), who)


@router.post("/collaborators", status_code=201)
async def create_collaborator(request: Request, body: dict[str, Any] = JSON,
                              who: Caller = Depends(caller)) -> dict[str, Any]:
    return await collaborators.create_collaborator(deps_of(request), who, body)


@router.get("/collaborators/{user_id}")
async def get_collaborator(user_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await collaborators.get_collaborator(deps_of(request), who, user_id)


@router.patch("/collaborators/{user_id}")
async def update_collaborator(user_id: str, request: Request, body: dict[str, Any] = JSON,
                              who: Caller = Depends(caller)) -> dict[str, Any]:
    return await collaborators.update_collaborator(deps_of(request), who, user_id, body)


@router.post("/collaborators/{user_id}/disable")
async def disable_collaborator(user_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await collaborators.set_collaborator_active(deps_of(request), who, user_id, False)


@router.post("/collaborators/{user_id}/enable")
async def enable_collaborator(user_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await collaborators.set_collaborator_active(deps_of(request), who, user_id, True)


def _group_routes(prefix: str, table: str) -> None:
    """CRUD routes of one kind of group."""

    @router.get(prefix, name=f"list_{table}")
    async def list_groups(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
        return await groups.list_groups(deps_of(request), who, table)

    @router.post(prefix, status_code=201, name=f"create_{table}")
    async def create_group(request: Request, body: dict[str, Any] = JSON, who: Caller = Depends(caller)) -> dict[str, Any]:
        return await groups.save_group(deps_of(request), who, table, body)

    @router.get(prefix + "/{group_id}", name=f"get_{table}")
    async def get_group(group_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
        return await groups.get_group(deps_of(request), who, table, group_id)

    @router.patch(prefix + "/{group_id}", name=f"update_{table}")
    async def update_group(group_id: str, request: Request, body: dict[str, Any] = JSON,
                           who: Caller = Depends(caller)) -> dict[str, Any]:
        return await groups.save_group(deps_of(request), who, table, body, group_id)

    @router.delete(prefix + "/{group_id}", status_code=204, name=f"delete_{table}")
    async def delete_group(group_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
        await groups.delete_group(deps_of(request), who, table, group_id)
        return Response(status_code=204)


_group_routes("/collaborator-groups", COLLABORATOR_GROUPS)
_group_routes("/client-groups", CLIENT_GROUPS)
