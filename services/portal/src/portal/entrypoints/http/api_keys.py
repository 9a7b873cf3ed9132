"""A dossier's API keys for integrations (ING-4): create (the key shown once, with a copy button), list, revoke."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
FIELDS = ("name", "mailbox")


def _need(user: User, dossier_id: str) -> None:
    if not user.may("apikey.manage", dossier_id):
        raise forbidden()


async def _page(user: User, dossier_id: str, *, status: int = 200, **values) -> Response:
    keys = (await user.api.get(f"/dossiers/{dossier_id}/api-keys"))["items"]
    for name in ("notice", "form_error", "created"):
        values.setdefault(name, None)
    return user.page("api_keys.html", status=status, keys=sorted(keys, key=lambda k: (bool(k.get("revoked_at")),
                                                                                       k.get("name") or "")),
                     **await dossier_context(user, dossier_id), **values)


@router.get("/dossiers/{dossier_id}/api-keys")
async def api_keys(dossier_id: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    _need(user, dossier_id)
    return await _page(user, dossier_id, notice=notice_of(notice, user.language))


@router.post("/dossiers/{dossier_id}/api-keys")
async def create_api_key(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """A new key for one mailbox: shown on this answer only (never stored readable), so no redirect."""
    _need(user, dossier_id)
    body = {name: user.form.get(name) for name in FIELDS}
    try:
        created = await user.api.post(f"/dossiers/{dossier_id}/api-keys", body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, FIELDS, user.language)
        return await _page(user, dossier_id, status=exc.status, errors=errors, form_error=general, values=body)
    return await _page(user, dossier_id, status=201, created=created)


@router.post("/dossiers/{dossier_id}/api-keys/{key_id}/revoke")
async def revoke_api_key(dossier_id: str, key_id: str, user: User = Depends(current_user)) -> Response:
    _need(user, dossier_id)
    await user.api.delete(f"/dossiers/{dossier_id}/api-keys/{key_id}")
    return redirect(user.request, f"/dossiers/{dossier_id}/api-keys?notice=key_revoked")
