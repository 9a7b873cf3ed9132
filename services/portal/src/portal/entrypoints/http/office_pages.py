"""Office management pages (OFF-1, OFF-2): office settings and collaborators; ADMIN only by the matrix."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.domain.languages import normalise
from portal.entrypoints.http.choices import ROLE_NAMES
from portal.domain.list_specs import OFFICE_LISTS
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
SETTINGS_FIELDS = ("name", "portal_name", "default_language", "dossier_activation",
                   "key_figures_closed_periods_only", "payment_module")
COLLABORATOR_FIELDS = ("email", "name", "role", "language")


def _need(user: User, action: str) -> None:
    if not user.may(action):
        raise forbidden()


def settings_patch(user: User) -> dict:
    """The PATCH /office body of the settings form (checkboxes absent = off)."""
    f = user.form
    return {
        "name": f.get("name"), "portal_name": f.get("portal_name"),
        "default_language": normalise(f.get("default_language")) or "en",
        "dossier_activation": f.get("dossier_activation"),
        "key_figures_closed_periods_only": f.has("key_figures_closed_periods_only"),
        "payment_module": f.has("payment_module"),
    }


@router.get("/office/settings")
async def office_settings(notice: str = "", user: User = Depends(current_user)) -> Response:
    _need(user, "office.settings.view")
    office = await user.api.get("/office")
    return user.page("office_settings.html", office=office, can_edit=user.may("office.settings.edit"),
                     notice=notice_of(notice, user.language), form_error=None, lists=OFFICE_LISTS)


@router.post("/office/settings")
async def save_office_settings(user: User = Depends(current_user)) -> Response:
    _need(user, "office.settings.edit")
    patch = settings_patch(user)
    try:
        await user.api.patch("/office", patch)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, SETTINGS_FIELDS, user.language)
        office = {**await user.api.get("/office"), **patch}
        return user.page("office_settings.html", status=exc.status, office=office, can_edit=True,
                         errors=errors, form_error=general, notice=None, lists=OFFICE_LISTS)
    return redirect(user.request, "/office/settings?notice=saved")


@router.get("/office/collaborators")
async def collaborators(notice: str = "", user: User = Depends(current_user)) -> Response:
    _need(user, "collaborator.view")
    return await _collaborators_page(user, notice=notice_of(notice, user.language))


async def _collaborators_page(user: User, *, status: int = 200, **values) -> Response:
    items = (await user.api.get("/collaborators"))["items"]
    values.setdefault("form_error", None)
    values.setdefault("notice", None)
    return user.page("collaborators.html", status=status, collaborators=items,
                     can_manage=user.may("collaborator.manage"), **values)


@router.post("/office/collaborators")
async def create_collaborator(user: User = Depends(current_user)) -> Response:
    """OFF-2: create a collaborator; the office sends the welcome e-mail."""
    _need(user, "collaborator.manage")
    body = {name: user.form.get(name) for name in COLLABORATOR_FIELDS}
    try:
        await user.api.post("/collaborators", body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, COLLABORATOR_FIELDS, user.language)
        return await _collaborators_page(user, status=exc.status, errors=errors, form_error=general, values=body)
    return redirect(user.request, "/office/collaborators?notice=collaborator_created")


@router.post("/office/collaborators/{collaborator_id}/role")
async def change_role(collaborator_id: str, user: User = Depends(current_user)) -> Response:
    """OFF-2: a collaborator's role changed by an office admin, after a page saying what changes (issue 15 item 12).
    The office republishes the dossiers naming them (dossier.changed with who changed it)."""
    _need(user, "collaborator.manage")
    role = user.form.get("role")
    current = next((c for c in (await user.api.get("/collaborators"))["items"] if c["id"] == collaborator_id), None)
    if current is None:
        raise PageError(404, N_("Not found"), N_("This item does not exist or is not yours to see."))
    if role not in ROLE_NAMES:
        raise PageError(422, N_("Unknown role"), N_("Choose Administrator, Collaborator or Support."))
    if role == current["role"]:
        return redirect(user.request, "/office/collaborators")
    if not user.form.has("confirmed"):
        return user.page("collaborator_role.html", collaborator=current, role=role)
    try:
        await user.api.patch(f"/collaborators/{collaborator_id}", {"role": role})
    except ServiceCallError as exc:
        if exc.status != 409:
            raise
        _, general = field_errors(exc, (), user.language)
        return await _collaborators_page(user, status=409, form_error=general)
    return redirect(user.request, "/office/collaborators?notice=role_changed")


@router.post("/office/collaborators/{collaborator_id}/{action}")
async def toggle_collaborator(collaborator_id: str, action: str, user: User = Depends(current_user)) -> Response:
    _need(user, "collaborator.manage")
    if action not in ("disable", "enable"):
        raise forbidden()
    try:
        await user.api.post(f"/collaborators/{collaborator_id}/{action}")
    except ServiceCallError as exc:
        if exc.status != 409:
            raise
        _, general = field_errors(exc, (), user.language)
        return await _collaborators_page(user, status=409, form_error=general)
    return redirect(user.request, f"/office/collaborators?notice={action}d")
