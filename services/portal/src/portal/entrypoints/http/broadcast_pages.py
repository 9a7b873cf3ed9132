"""COM-3 in the portal: from the office's dossier list (its filters carried over) a collaborator with
conversation.broadcast writes one message to many active dossiers at once; notify starts one conversation per
dossier (for its full-access users) and the page says how many were started and which dossiers were skipped."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.dossier_pages import filter_dossiers
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.web import PageRoute, forbidden
from portal.i18n import N_
from portal.i18n.error_codes import say_error

router = APIRouter(route_class=PageRoute)
PROBLEMS = {"subject": N_("Give the conversation a subject."), "text": N_("Write a message first."),
            "dossiers": N_("Tick at least one dossier.")}


async def _dossiers(user: User, q: str, mine: str) -> list[dict[str, Any]]:
    """The active dossiers of the list's filters."""
    items = (await user.api.get("/dossiers", status="active", mine="true" if mine else None))["items"]
    return filter_dossiers(items, q)


def _allowed(user: User) -> None:
    if not user.is_collaborator or not user.may("conversation.broadcast"):
        raise forbidden()


async def _page(user: User, q: str, mine: str, *, values: dict[str, Any] | None = None,
                errors: dict[str, str] | None = None, summary: dict[str, Any] | None = None,
                status: int = 200) -> Response:
    dossiers = await _dossiers(user, q, mine)
    return user.page("message_broadcast.html", dossiers=dossiers, filters={"q": q, "mine": mine},
                     values=values or {"dossier_ids": [d["id"] for d in dossiers]}, errors=errors or {},
                     summary=summary, names={d["id"]: d["name"] for d in dossiers}, placeholder="{{ dossier_name }}",
                     status=status)


@router.get("/messages/broadcast")
async def broadcast_page(q: str = "", mine: str = "", user: User = Depends(current_user)) -> Response:
    """The filtered active dossiers, all ticked, and the message."""
    _allowed(user)
    return await _page(user, q, mine)


@router.post("/messages/broadcast")
async def broadcast(q: str = "", mine: str = "", user: User = Depends(current_user)) -> Response:
    _allowed(user)
    form = user.form
    values = {"subject": form.get("subject"), "text": form.get("text"), "dossier_ids": form.getlist("dossier_id")}
    errors = {k: PROBLEMS[k] for k, bad in (("subject", not values["subject"]), ("text", not values["text"]),
                                            ("dossiers", not values["dossier_ids"])) if bad}
    if len(values["text"]) > 5000 or len(values["subject"]) > 200:
        errors["text"] = N_("A message has at most 5000 characters.")
    if errors:
        return await _page(user, q, mine, values=values, errors=errors, status=422)
    try:
        summary = await notify_for(user).broadcast(values["dossier_ids"], values["subject"], values["text"])
    except ServiceCallError as exc:
        if exc.status != 422:
            raise
        return await _page(user, q, mine, values=values, status=422,
                           errors={"text": say_error(exc.code, exc.params, user.language)})
    return await _page(user, q, mine, summary=summary)
