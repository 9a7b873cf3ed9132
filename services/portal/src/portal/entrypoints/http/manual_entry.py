"""A booking without a document (REC-2 "type manual", issue 15 item 13): the New manual entry form of a worklist.

The form asks what a booking needs (purchase or sale, journal, period, counterparty, date, number, lines with
account, VAT code and amounts); the worklist checks it as it checks an edit and makes a proposal of origin
``manual``, which then opens in the annotation screen to be reviewed and sent like any other.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Response

from portal.adapters.service_errors import ServiceCallError
from portal.adapters.worklist import refusals
from portal.domain import annotation_form as af
from portal.entrypoints.http.annotation import _resolve_counterparty as resolve_counterparty
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageRoute, redirect
from portal.entrypoints.http.worklist_pages import need, worklist_for
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
KINDS = (("purchases", N_("Purchase")), ("sales", N_("Sale")))
LINE_ROWS = 3
REFUSED = N_("Some values are not accepted (see the fields). Nothing was saved.")


def _kind(value: str | None) -> str:
    return value if value in dict(KINDS) else "purchases"


async def _form(user: User, dossier_id: str, kind: str, values: af.Values, *, errors: dict[str, str] | None = None,
                message: str = "", status: int = 200) -> Response:
    choices = await worklist_for(user).choices(dossier_id)
    lines = values.lines + [dict.fromkeys(af.LINE, "") for _ in range(max(LINE_ROWS - len(values.lines), 1))]
    return user.page("manual_entry.html", status=status, dossier_id=dossier_id, kind=kind, kinds=KINDS,
                     values=values, lines=lines, choices=choices, errors=errors or {}, message=message,
                     **await dossier_context(user, dossier_id))


@router.get("/dossiers/{dossier_id}/manual-entry")
async def manual_entry(dossier_id: str, kind: str = Query("purchases", alias="list"),
                       user: User = Depends(current_user)) -> Response:
    need(user, "worklist.manual", dossier_id)
    return await _form(user, dossier_id, _kind(kind), af.Values())


@router.post("/dossiers/{dossier_id}/manual-entry")
async def create(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """Make the proposal and open it in the annotation screen; refused values come back framed, as typed."""
    need(user, "worklist.manual", dossier_id)
    kind, values = _kind(user.form.get("mailbox")), af.values_from_form(user.form)
    await resolve_counterparty(worklist_for(user), dossier_id, values, af.Values())  # a known one by name (WL-7)
    entry, errors = af.edit_of(values, af.Values(), review=False)
    if errors:
        return await _form(user, dossier_id, kind, values, errors=errors, message=REFUSED, status=422)
    entry.pop("version", None)
    try:
        made = await worklist_for(user).create_manual(dossier_id, {**entry, "mailbox": kind})
    except ServiceCallError as exc:
        if exc.status != 422:
            raise
        return await _form(user, dossier_id, kind, values, errors=refusals(exc, user.language), message=REFUSED, status=422)
    return redirect(user.request, f"/dossiers/{dossier_id}/worklist/{made['id']}?list={kind}")
