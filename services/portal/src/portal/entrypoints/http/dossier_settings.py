"""Dossier settings page (DOS-1..3): office users change every setting, a client Administrator the client-editable
ones; the dossier's inbound e-mail addresses per mailbox are shown, and an office user can rotate one (ING-2)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.domain import settings_form
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
FIELDS = ("name", "code", "vat_number", *settings_form.TRI_STATE_KEYS, *settings_form.CHOICE_KEYS, *settings_form.CLIENT_KEYS, "language", "keywords",
          "default_counterparty", "accounting_updated_up_to", "auto_transmission", "journals", "rubrics_reviewed")
MAILBOXES = ("purchases", "sales", "misc")


def identity_patch(user: User) -> dict:
    """The PATCH /dossiers/{id} body of the form's identity fields (empty code/VAT clear them)."""
    f = user.form
    body = {"code": f.get("code") or None, "vat_number": f.get("vat_number") or None,
            "accounting_updated_up_to": f.get("accounting_updated_up_to") or None}
    if f.get("name"):
        body["name"] = f.get("name")
    return body


def _rights(user: User, dossier_id: str) -> tuple[bool, bool]:
    """(may configure everything, may edit the client keys); 403 when neither."""
    office = user.may("dossier.configure", dossier_id)
    client = office or user.may("dossier.settings.edit", dossier_id)
    if not client:
        raise forbidden()
    return office, client


def as_typed(settings: dict[str, Any], patch: dict[str, Any], user: User) -> dict[str, Any]:
    """The settings as the person typed them (after a refusal the form shows these, not the stored values)."""
    overrides = {k: v for k, v in {**settings["overrides"], **patch}.items() if v is not None}
    effective = {**settings["effective"], **{k: v for k, v in patch.items() if v is not None}}
    if "keywords" in user.form.values:
        effective["keywords"] = user.form.values["keywords"]
    return {"effective": effective, "overrides": overrides}


async def _page(user: User, dossier_id: str, *, status: int = 200, typed: dict[str, Any] | None = None,
                **values: Any) -> Response:
    office, _ = _rights(user, dossier_id)
    settings = await user.api.get(f"/dossiers/{dossier_id}/settings")
    frame = await dossier_context(user, dossier_id)
    if typed is not None:
        settings = as_typed(settings, typed, user)
        frame["dossier"] = {**frame["dossier"], **{k: v for k, v in identity_patch(user).items()}}
    values.setdefault("form_error", None)
    values.setdefault("notice", None)
    return user.page("dossier_settings.html", status=status, effective=settings["effective"],
                     overrides=settings["overrides"], can_configure=office, sf=settings_form, mailboxes=MAILBOXES,
                     **frame, **values)


@router.get("/dossiers/{dossier_id}/settings")
async def settings_page(dossier_id: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    return await _page(user, dossier_id, notice=notice_of(notice, user.language))


@router.post("/dossiers/{dossier_id}/settings")
async def save_settings(dossier_id: str, user: User = Depends(current_user)) -> Response:
    office, _ = _rights(user, dossier_id)
    journals = []
    if office:
        journals = (await user.api.get(f"/dossiers/{dossier_id}/settings"))["effective"].get("journals") or []
    patch = settings_form.settings_patch(user.form.values, office=office, effective_journals=journals)
    try:
        if office:
            await user.api.patch(f"/dossiers/{dossier_id}", identity_patch(user))
        await user.api.patch(f"/dossiers/{dossier_id}/settings", patch)
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        errors, general = field_errors(exc, FIELDS, user.language)
        return await _page(user, dossier_id, status=exc.status, typed=patch, errors=errors, form_error=general)
    return redirect(user.request, f"/dossiers/{dossier_id}/settings?notice=saved")


@router.post("/dossiers/{dossier_id}/mailboxes/{mailbox}/rotate")
async def rotate_mailbox(dossier_id: str, mailbox: str, user: User = Depends(current_user)) -> Response:
    """A new inbound address for one mailbox (ING-2), e.g. after spam; the old one stops accepting documents."""
    if mailbox not in MAILBOXES or not user.may("dossier.configure", dossier_id):
        raise forbidden()
    await user.api.post(f"/dossiers/{dossier_id}/mailboxes/{mailbox}/rotate")
    return redirect(user.request, f"/dossiers/{dossier_id}/settings?notice=mailbox_rotated#mailboxes")
