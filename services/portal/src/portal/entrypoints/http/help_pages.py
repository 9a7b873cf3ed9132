"""Help inside the product (PLT-3, issue 16): the help of each screen, looked up by the route of the page the help
button was pressed on (domain/help_topics.py), and the client quick-start — a short guided page for a new client
user, offered on the client home until they dismiss it."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response
from fastapi.routing import APIRoute

from portal.adapters.service_errors import ServiceCallError
from portal.domain.help_topics import TOPICS, Topic, topic_for_route
from portal.domain.navigation import client_areas, dossier_of
from portal.entrypoints.http.client_pages import area_path
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
MAILBOX_ORDER = ("purchases", "sales", "misc")


def route_of(path: str) -> str | None:
    """The path template of the portal's GET route serving ``path`` (``/dossiers/{dossier_id}/worklist``), in the
    order the app tries them."""
    from portal.entrypoints.http import ROUTERS  # the router list includes this module's router

    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and "GET" in route.methods and route.path_regex.match(path):
                return route.path
    return None


def _local(page: str) -> str | None:
    """The page to go back to: a path of this portal only (never another site)."""
    return page if page.startswith("/") and not page.startswith("//") and "\\" not in page else None


@router.get("/help")
async def help_page(page: str = "", topic: str = "", user: User = Depends(current_user)) -> Response:
    """The help of the screen ``page`` (by its route), or of a topic by name; the general help otherwise."""
    if not user.may("help.view"):
        raise forbidden()
    back = _local(page)
    chosen: Topic = TOPICS[topic] if topic in TOPICS else topic_for_route(route_of(back) if back else None)
    others = [t for t in TOPICS.values() if t.key not in ("general", chosen.key)]
    return user.page("help.html", topic=chosen, back=back, others=others,
                     quick_start=_client_dossier_id(user))


def _client_dossier_id(user: User) -> str | None:
    """The dossier a client user's quick-start is about (their first), None for office staff."""
    if user.is_collaborator:
        return None
    dossiers = [d for d in user.me.get("dossiers") or () if d.get("profile")]
    return str(dossiers[0]["id"]) if dossiers else None


def _client_dossier(user: User, dossier_id: str) -> dict[str, Any]:
    dossier = dossier_of(user.me, dossier_id)
    if user.is_collaborator or dossier is None or not user.may("help.view"):
        raise forbidden()
    return dict(dossier)


@router.get("/help/start/{dossier_id}")
async def quick_start(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The quick-start of a dossier: how to send documents (upload, the dossier's real e-mail addresses, phone),
    where to follow them, how to pay and where to talk with the office — each step only if the profile allows it."""
    dossier = _client_dossier(user, dossier_id)
    areas = {area.key: area_path(dossier_id, area.key) for area in client_areas(user.principal, dossier)}
    mailboxes: dict[str, str] = {}
    if "upload" in areas:
        full = await user.api.get(f"/dossiers/{dossier_id}")
        known = full.get("mailboxes") or {}
        mailboxes = {m: known[m] for m in MAILBOX_ORDER if known.get(m)}
    marks = await user.api.help_marks()
    return user.page("help_quick_start.html", dossier=dossier, areas=areas, mailboxes=mailboxes,
                     dismissed=marks.get("quick_start_dismissed", False))


@router.get("/help/start/{dossier_id}/prompt")
async def quick_start_prompt(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The client home's welcome box (loaded by htmx): shown until the user dismisses it, empty afterwards."""
    dossier = _client_dossier(user, dossier_id)
    try:
        show = not (await user.api.help_marks()).get("quick_start_dismissed", False)
    except ServiceCallError:
        show = False
    return user.page("help_quick_start_prompt.html", dossier=dossier, show=show)


@router.post("/help/start/{dossier_id}/dismiss")
async def dismiss(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The user has read the quick-start: it is no longer offered on their home."""
    _client_dossier(user, dossier_id)
    await user.api.dismiss_quick_start()
    return redirect(user.request, f"/client/{dossier_id}")
