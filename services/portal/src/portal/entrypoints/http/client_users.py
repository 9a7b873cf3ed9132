"""Client users of a dossier (DOS-4): who of the client's company uses the portal, with which of the six profiles."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.domain.navigation import dossier_of
from portal.entrypoints.http.choices import PROFILES
from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
FIELDS = ("email", "name", "language", "profile")
PROFILE_KEYS = {key for key, _ in PROFILES}


async def _page(user: User, dossier_id: str, *, status: int = 200, **values) -> Response:
    if not user.may("dossier.users.view", dossier_id):
        raise forbidden()
    users = (await user.api.get(f"/dossiers/{dossier_id}/users"))["items"]
    dossier = (await user.api.get(f"/dossiers/{dossier_id}") if user.is_collaborator
               else dict(dossier_of(user.me, dossier_id) or {"id": dossier_id, "name": ""}))
    values.setdefault("form_error", None)
    values.setdefault("notice", None)
    return await dossier_page(user, "client_users.html", dossier_id, status=status, dossier=dossier,
                              client_users=users, can_manage=user.may("dossier.users.manage", dossier_id), **values)


@router.get("/dossiers/{dossier_id}/users")
async def client_users(dossier_id: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    return await _page(user, dossier_id, notice=notice_of(notice, user.language))


@router.post("/dossiers/{dossier_id}/users")
async def add_client_user(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """Give a person one of the six profiles on this dossier; a new e-mail address gets a welcome e-mail."""
    if not user.may("dossier.users.manage", dossier_id):
        raise forbidden()
    body = {name: user.form.get(name) for name in FIELDS}
    try:
        await user.api.post(f"/dossiers/{dossier_id}/users", body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, FIELDS, user.language)
        return await _page(user, dossier_id, status=exc.status, errors=errors, form_error=general, values=body)
    return redirect(user.request, f"/dossiers/{dossier_id}/users?notice=client_user_created")


@router.post("/dossiers/{dossier_id}/users/{user_id}/profile")
async def change_profile(dossier_id: str, user_id: str, user: User = Depends(current_user)) -> Response:
    if not user.may("dossier.users.manage", dossier_id):
        raise forbidden()
    profile = user.form.get("profile")
    if profile not in PROFILE_KEYS:
        return await _page(user, dossier_id, status=422, form_error=None)
    await user.api.patch(f"/dossiers/{dossier_id}/users/{user_id}", {"profile": profile})
    return redirect(user.request, f"/dossiers/{dossier_id}/users?notice=saved")


@router.post("/dossiers/{dossier_id}/users/{user_id}/{action}")
async def toggle_client_user(dossier_id: str, user_id: str, action: str, user: User = Depends(current_user)) -> Response:
    if action not in ("disable", "enable") or not user.may("dossier.users.manage", dossier_id):
        raise forbidden()
    await user.api.post(f"/dossiers/{dossier_id}/users/{user_id}/{action}")
    return redirect(user.request, f"/dossiers/{dossier_id}/users?notice={action}d")
