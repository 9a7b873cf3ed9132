"""Dossier routes (DOS-1..5): dossiers, settings, checklist, assignments, mailboxes, client users, API keys."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from office.entrypoints.http.common import caller, deps_of
from office.handlers import access, dossiers
from office.handlers.context import Caller

router = APIRouter()
JSON = Body(...)
D = "/dossiers/{dossier_id}"


@router.get("/dossiers")
async def list_dossiers(request: Request, status: str | None = None, mine: bool = False,
                        who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.list_dossiers(deps_of(request), who, status, mine)


@router.post("/dossiers", status_code=201)
async def create_dossier(request: Request, body: dict[str, Any] = JSON, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.create_dossier(deps_of(request), who, body)


@router.get(D)
async def get_dossier(dossier_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.get_dossier(deps_of(request), who, dossier_id)


@router.patch(D)
async def patch_dossier(dossier_id: str, request: Request, body: dict[str, Any] = JSON,
                        who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.patch_dossier(deps_of(request), who, dossier_id, body)


@router.post(D + "/activate")
async def activate_dossier(dossier_id: str, request: Request, body: dict[str, Any] = JSON,
                           who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.activate_dossier(deps_of(request), who, dossier_id, body)


@router.get(D + "/settings")
async def get_settings(dossier_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.get_settings(deps_of(request), who, dossier_id)


@router.patch(D + "/settings")
async def patch_settings(dossier_id: str, request: Request, body: dict[str, Any] = JSON,
                         who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.patch_settings(deps_of(request), who, dossier_id, body)


@router.get(D + "/checklist")
async def checklist(dossier_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.get_checklist(deps_of(request), who, dossier_id)


@router.post(D + "/mailboxes/{mailbox}/rotate")
async def rotate_mailbox(dossier_id: str, mailbox: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await dossiers.rotate_mailbox(deps_of(request), who, dossier_id, mailbox)


@router.get(D + "/assignments")
async def get_assignments(dossier_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.get_assignments(deps_of(request), who, dossier_id)


@router.put(D + "/assignments")
async def put_assignments(dossier_id: str, request: Request, body: dict[str, Any] = JSON,
                          who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.put_assignments(deps_of(request), who, dossier_id, body)


@router.get(D + "/users")
async def list_users(dossier_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.list_client_users(deps_of(request), who, dossier_id)


@router.post(D + "/users", status_code=201)
async def add_user(dossier_id: str, request: Request, body: dict[str, Any] = JSON,
                   who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.add_client_user(deps_of(request), who, dossier_id, body)


@router.patch(D + "/users/{user_id}")
async def update_user(dossier_id: str, user_id: str, request: Request, body: dict[str, Any] = JSON,
                      who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.update_client_user(deps_of(request), who, dossier_id, user_id, body)


@router.post(D + "/users/{user_id}/disable")
async def disable_user(dossier_id: str, user_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.set_client_user_active(deps_of(request), who, dossier_id, user_id, False)


@router.post(D + "/users/{user_id}/enable")
async def enable_user(dossier_id: str, user_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.set_client_user_active(deps_of(request), who, dossier_id, user_id, True)


@router.get(D + "/api-keys")
async def list_api_keys(dossier_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.list_api_keys(deps_of(request), who, dossier_id)


@router.post(D + "/api-keys", status_code=201)
async def create_api_key(dossier_id: str, request: Request, body: dict[str, Any] = JSON,
                         who: Caller = Depends(caller)) -> dict[str, Any]:
    return await access.create_api_key(deps_of(request), who, dossier_id, body)


@router.delete(D + "/api-keys/{key_id}", status_code=204)
async def revoke_api_key(dossier_id: str, key_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    await access.revoke_api_key(deps_of(request), who, dossier_id, key_id)
    return Response(status_code=204)
