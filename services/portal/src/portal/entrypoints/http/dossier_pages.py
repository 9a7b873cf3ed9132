"""Dossier pages for the office: the list with filters, the two-step activation (DOS-1, SYN-7), the overview with
the new-dossier checklist and its red flags (DOS-5)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.domain.languages import normalise
from portal.domain.links import app_centre_links, instruction_videos
from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import unread_messages
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageRoute, forbidden, is_htmx, redirect

router = APIRouter(route_class=PageRoute)
STEP1_FIELDS = ("name", "code", "vat_number", "language", "client_group_id", "portal_scope", "validation_mode")
STEP2_FIELDS = ("installation", "dossier_code", "accounting_updated_up_to")


def _office_only(user: User) -> None:
    if not user.is_collaborator:
        raise forbidden()


def filter_dossiers(items: list[dict], q: str) -> list[dict]:
    """The dossiers whose name, code or VAT number contains ``q`` (case-insensitive)."""
    needle = q.strip().lower()
    if not needle:
        return items
    return [d for d in items if any(needle in str(d.get(k) or "").lower() for k in ("name", "code", "vat_number"))]


@router.get("/dossiers")
async def dossier_list(status: str = "", mine: str = "", q: str = "", notice: str = "",
                       user: User = Depends(current_user)) -> Response:
    """The dossiers this collaborator may see (the office filters by dossier.view), narrowed by the filters."""
    if not user.is_collaborator:
        return redirect(user.request, "/client")
    params = {"status": status if status in ("draft", "active") else None, "mine": "true" if mine else None}
    items = filter_dossiers((await user.api.get("/dossiers", **params))["items"], q)
    template = "partials/dossier_table.html" if is_htmx(user.request) and user.request.headers.get(
        "hx-target") == "dossier-table" else "dossiers.html"
    return user.page(template, dossiers=items, filters={"status": status, "mine": mine, "q": q},
                     can_create=user.may("dossier.create"), notice=notice_of(notice, user.language),
                     videos=instruction_videos(user.me, user.language), links=app_centre_links(user.me))


async def _client_groups(user: User) -> list[tuple[str, str]]:
    """The client groups a new dossier may join, as (id, name) choices."""
    if not user.may("group.view"):
        return []
    return [(g["id"], g["name"]) for g in (await user.api.get("/client-groups"))["items"]]


@router.get("/dossiers/new")
async def new_dossier(user: User = Depends(current_user)) -> Response:
    _office_only(user)
    if not user.may("dossier.create"):
        raise forbidden()
    return user.page("dossier_new.html", client_groups=await _client_groups(user), form_error=None)


@router.post("/dossiers/new")
async def create_dossier(user: User = Depends(current_user)) -> Response:
    """DOS-1 step 1: the dossier as a draft with its identity, portal scope and validation mode."""
    _office_only(user)
    f = user.form
    values = {name: f.get(name) for name in STEP1_FIELDS}
    body = {"name": values["name"], "code": values["code"] or None, "vat_number": values["vat_number"] or None,
            "language": normalise(values["language"]) or user.language,
            "client_group_id": values["client_group_id"] or None,
            "settings": {"portal_scope": values["portal_scope"], "validation_mode": values["validation_mode"]}}
    try:
        dossier = await user.api.post("/dossiers", body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, STEP1_FIELDS, user.language)
        return user.page("dossier_new.html", status=exc.status, client_groups=await _client_groups(user),
                         errors=errors, form_error=general, values=values)
    return redirect(user.request, f"/dossiers/{dossier['id']}/activate?notice=dossier_created")


def may_activate(user: User, dossier_id: str) -> bool:
    """The matrix allows it and the office lets this role activate (OFF-1: "admins" keeps it to ADMINs)."""
    office_rule = user.me["office"].get("dossier_activation", "admins_and_collaborators")
    if office_rule == "admins" and user.me["user"].get("role") != "ADMIN":
        return False
    return user.may("dossier.activate", dossier_id)


async def _checklist(user: User, dossier_id: str) -> dict | None:
    if not user.may("dossier.checklist.view", dossier_id):
        return None
    return await user.api.get(f"/dossiers/{dossier_id}/checklist")


@router.get("/dossiers/{dossier_id}/activate")
async def activation_page(dossier_id: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    _office_only(user)
    dossier = await user.api.get(f"/dossiers/{dossier_id}")
    if dossier.get("status") == "active":
        return redirect(user.request, f"/dossiers/{dossier_id}")
    return await dossier_page(user, "dossier_activate.html", dossier_id, dossier=dossier,
                              checklist=await _checklist(user, dossier_id), can_activate=may_activate(user, dossier_id),
                              form_error=None, notice=notice_of(notice, user.language))


@router.post("/dossiers/{dossier_id}/activate")
async def activate(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """DOS-1 step 2 / SYN-7: link the accounting software's dossier and activate (journals from the templates)."""
    _office_only(user)
    if not may_activate(user, dossier_id):
        raise forbidden()
    values = {name: user.form.get(name) for name in STEP2_FIELDS}
    body = {"accounting": {"software": "tryton", "installation": values["installation"],
                           "dossier_code": values["dossier_code"]}}
    if values["accounting_updated_up_to"]:
        body["accounting_updated_up_to"] = values["accounting_updated_up_to"]
    try:
        await user.api.post(f"/dossiers/{dossier_id}/activate", body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, STEP2_FIELDS, user.language)
        dossier = await user.api.get(f"/dossiers/{dossier_id}")
        return await dossier_page(user, "dossier_activate.html", dossier_id, status=exc.status, dossier=dossier,
                                  can_activate=True, checklist=await _checklist(user, dossier_id), errors=errors,
                                  form_error=general, values=values, notice=None)
    return redirect(user.request, f"/dossiers/{dossier_id}?notice=dossier_activated")


@router.get("/dossiers/{dossier_id}")
async def dossier_overview(dossier_id: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    """A dossier at a glance: status, accounting link, mailboxes and the checklist with its red flags."""
    if not user.is_collaborator:
        return redirect(user.request, f"/client/{dossier_id}")
    dossier = await user.api.get(f"/dossiers/{dossier_id}")
    assigned = (await user.api.get(f"/dossiers/{dossier_id}/assignments"))["items"]
    return await dossier_page(user, "dossier.html", dossier_id, dossier=dossier, assigned=assigned,
                              checklist=await _checklist(user, dossier_id),
                              can_assign=user.may("dossier.assign", dossier_id),
                              can_configure=user.may("dossier.configure", dossier_id),
                              can_see_users=user.may("dossier.users.view", dossier_id),
                              can_read_messages=user.may("conversation.view", dossier_id),
                              unread=await unread_messages(user, dossier_id),
                              can_activate=may_activate(user, dossier_id), notice=notice_of(notice, user.language),
                              videos=instruction_videos(user.me, user.language),
                              links=app_centre_links(user.me, dossier))
