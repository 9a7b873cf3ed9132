"""Row editors for the office's lists (OFF-3) and a dossier's lists (DOS-3, DOS-5): add, change, remove rows, save.

One form per list; its buttons say what to do (``op``: add, remove:<row>, save). Adding and removing
re-render the rows exactly as typed, so nothing is lost; saving PATCHes the whole list and an error
is shown next to the cell it concerns, with what was typed still there.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Response

from portal import i18n
from portal.adapters.enrichment import EnrichmentClient
from portal.adapters.service_errors import ServiceCallError
from portal.domain import row_form
from portal.domain.list_specs import DOSSIER_LISTS, OFFICE_LISTS, ListSpec
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.feedback import field_errors, message_of
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
log = logging.getLogger(__name__)


def _spec(lists: dict[str, ListSpec], key: str) -> ListSpec:
    spec = lists.get(key)
    if spec is None:
        raise PageError(404, N_("Not found"), N_("This item does not exist or is not yours to see."))
    return spec


def cell_errors(exc: ServiceCallError, spec: ListSpec, shown_index: list[int], language: str) -> tuple[dict[str, str], str]:
    """Messages by '<row>.<column>' for the cells the office named, and a general message for the rest."""
    cells: dict[str, str] = {}
    rest: list[str] = []
    with i18n.activate(language):
        for detail in exc.details:
            parts = detail["field"].removeprefix("settings.").split(".")
            if parts[0] == spec.key and len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(shown_index):
                column = parts[2] if len(parts) > 2 and not spec.scalar else spec.columns[0].key
                cells.setdefault(f"{shown_index[int(parts[1])]}.{column}", message_of(detail))
            else:
                rest.append(message_of(detail))
    if not exc.details:
        return {}, field_errors(exc, (), language)[1]
    return cells, " ".join(dict.fromkeys(rest))


def _edit(rows: list[dict[str, str]], spec: ListSpec, op: str) -> list[dict[str, str]] | None:
    """Rows after an add or remove; None when the operation is a save."""
    if op == "add":
        return [*rows, row_form.blank_row(spec)]
    if op.startswith("remove:") and op[7:].isdigit():
        index = int(op[7:])
        return [r for i, r in enumerate(rows) if i != index]
    return None


def _page(user: User, spec: ListSpec, rows: list[dict[str, str]], *, status: int = 200, **values: Any) -> Response:
    values.setdefault("notice", None)
    values.setdefault("form_error", None)
    values.setdefault("cells", {})
    values.setdefault("focus_row", None)
    return user.page("list_editor.html", status=status, spec=spec, rows=rows, **values)


# --- office lists (OFF-3) -------------------------------------------------------------------

@router.get("/office/lists/{key}")
async def office_list(key: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    spec = _spec(OFFICE_LISTS, key)
    if not user.may("office.settings.view"):
        raise forbidden()
    office = await user.api.get("/office")
    return _page(user, spec, row_form.rows_of(office.get(key) or [], spec), scope="office",
                 action=f"/office/lists/{key}", can_edit=user.may("office.settings.edit"),
                 notice=notice_of(notice, user.language))


@router.post("/office/lists/{key}")
async def save_office_list(key: str, user: User = Depends(current_user)) -> Response:
    spec = _spec(OFFICE_LISTS, key)
    if not user.may("office.settings.edit"):
        raise forbidden()
    rows = row_form.rows_from_form(user.form.values, spec)
    page = {"scope": "office", "action": f"/office/lists/{key}", "can_edit": True}
    return await _apply(user, spec, rows, page, lambda body: user.api.patch("/office", body), "/office/lists/")


# --- dossier lists (DOS-3, DOS-5) ------------------------------------------------------------

def _dossier_rights(user: User, spec: ListSpec, dossier_id: str) -> bool:
    """Whether the user may edit this dossier list; 403 when they may not even see the editor."""
    if user.may("dossier.configure", dossier_id):
        return True
    if spec.client_editable and user.may("dossier.settings.edit", dossier_id):
        return True
    raise forbidden()


@router.get("/dossiers/{dossier_id}/lists/{key}")
async def dossier_list(dossier_id: str, key: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    spec = _spec(DOSSIER_LISTS, key)
    _dossier_rights(user, spec, dossier_id)
    settings = await user.api.get(f"/dossiers/{dossier_id}/settings")
    items = (settings.get(spec.read_from) or {}).get(key) or []
    if key in LIVE_VALUES:
        items = await LIVE_VALUES[key](user, dossier_id, items)
    return _page(user, spec, row_form.rows_of(items, spec), **await dossier_context(user, dossier_id),
                 scope="dossier", action=f"/dossiers/{dossier_id}/lists/{key}", can_edit=True,
                 notice=notice_of(notice, user.language))


async def _real_next_numbers(user: User, dossier_id: str, journals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ENR-4 (issue 15 item 8): each journal's next number as enrichment hands them out, not the settings' start
    value; saving it back moves nothing backwards. The settings' value stays when enrichment cannot answer."""
    try:
        real = await EnrichmentClient(user.portal.services["enrichment"], user.api.session.tokens.access).next_numbers(
            dossier_id)
    except ServiceCallError as exc:
        log.warning("journals of dossier %s shown with the settings' next numbers: %s", dossier_id, exc)
        return journals
    return [{**j, "next_number": real.get(j.get("alias"), j.get("next_number"))} for j in journals]


# lists whose rows show values kept by another service than the office (shown, and saved back as they are)
LIVE_VALUES = {"journals": _real_next_numbers}


@router.post("/dossiers/{dossier_id}/lists/{key}")
async def save_dossier_list(dossier_id: str, key: str, user: User = Depends(current_user)) -> Response:
    spec = _spec(DOSSIER_LISTS, key)
    _dossier_rights(user, spec, dossier_id)
    rows = row_form.rows_from_form(user.form.values, spec)
    page = {**await dossier_context(user, dossier_id), "scope": "dossier",
            "action": f"/dossiers/{dossier_id}/lists/{key}", "can_edit": True}

    async def save(body: dict[str, Any]) -> Any:
        return await user.api.patch(f"/dossiers/{dossier_id}/settings", {k: v or None for k, v in body.items()})

    return await _apply(user, spec, rows, page, save, f"/dossiers/{dossier_id}/lists/")


async def _apply(user: User, spec: ListSpec, rows: list[dict[str, str]], page: dict[str, Any], save: Any,
                 base: str) -> Response:
    """Add or remove a row (page again, as typed), or save the list (redirect, or the errors by their cells)."""
    op = user.form.get("op") or "save"
    edited = _edit(rows, spec, op)
    if edited is not None:
        focus = len(edited) - 1 if op == "add" else None
        return _page(user, spec, edited, focus_row=focus, **page)
    try:
        await save({spec.key: row_form.payload(rows, spec)})
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        cells, general = cell_errors(exc, spec, row_form.kept_index(rows, spec), user.language)
        return _page(user, spec, rows, status=exc.status, cells=cells, form_error=general, **page)
    return redirect(user.request, f"{base}{spec.key}?notice=saved")
