"""The tabs of a dossier's pages (DOS-1..5, ING-4): where a user may go from one of its pages, by the matrix.

Issue 15 item 6: one navigation on every page of a dossier — the daily work first (overview, documents, worklist,
payments, archive...), the set-up pages (settings, journals and the other lists, keys, users) grouped apart; the
crumbs name the dossier and the part of it the page belongs to. ``dossier_page`` renders a page with them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Response

from portal.domain.list_specs import DOSSIER_LISTS
from portal.entrypoints.http.guard import User
from portal.entrypoints.http.message_nav import unread_messages
from portal.i18n import N_


@dataclass(frozen=True)
class Tab:
    """A link among the dossier's pages, with the actions of which any one opens it; set-up pages are grouped."""

    path: str
    label: str
    actions: tuple[str, ...]
    collaborators_only: bool = False
    setup: bool = False


OVERVIEW = Tab("", N_("Overview"), ("dossier.view",))  # a client's overview is their portal home /client/{id}
TABS: tuple[Tab, ...] = (
    OVERVIEW,
    Tab("/documents", N_("Documents"), ("document.view", "document.upload")),
    Tab("/capture", N_("Capture"), ("document.mobile_capture",)),
    Tab("/worklist", N_("Worklist"), ("worklist.view",)),
    Tab("/payments", N_("Payments"), ("payment.view",)),  # the matrix needs the dossier's payment module on
    Tab("/archive", N_("Archive"), ("archive.view",)),
    Tab("/permanent-dossier", N_("Permanent dossier"), ("archive.view",)),
    Tab("/dashboard", N_("Dashboard"), ("dashboard.view",)),
    Tab("/history", N_("History"), ("history.view",)),
    Tab("/bank", N_("Bank statements"), ("financial.view",)),  # issue 17, REP-5
    Tab("/reports", N_("Reports"), ("report.view",)),
    Tab("/messages", N_("Messages"), ("conversation.view",)),
    Tab("/sync", N_("Synchronisation"), ("sync.view",), collaborators_only=True),
    Tab("/settings", N_("Settings"), ("dossier.configure", "dossier.settings.edit"), setup=True),
    *(Tab(f"/lists/{key}", spec.title, ("dossier.configure",), setup=True) for key, spec in DOSSIER_LISTS.items()),
    Tab("/api-keys", N_("API keys"), ("apikey.manage",), setup=True),
    Tab("/users", N_("Client users"), ("dossier.users.view",), setup=True),
    Tab("/assignments", N_("Collaborators"), ("dossier.assign",), collaborators_only=True, setup=True),
)


def _path(user: User, dossier_id: str, tab: Tab) -> str:
    if tab is OVERVIEW and not user.is_collaborator:
        return f"/client/{dossier_id}"
    return f"/dossiers/{dossier_id}{tab.path}"


def tabs_for(user: User, dossier_id: str) -> list[dict[str, Any]]:
    """The tabs this user may open on the dossier, with their full paths and whether they are set-up pages."""
    return [{"path": _path(user, dossier_id, t), "label": t.label, "setup": t.setup} for t in TABS
            if (user.is_collaborator or not t.collaborators_only) and any(user.may(a, dossier_id) for a in t.actions)]


def current_tab(tabs: list[dict[str, Any]], path: str) -> dict[str, Any] | None:
    """The tab the page at ``path`` belongs to: the one with the longest path it starts with (the overview only
    for itself)."""
    inside = [t for t in tabs if path == t["path"] or path.startswith(t["path"] + "/")]
    return max(inside, key=lambda t: len(t["path"]), default=None)


async def dossier_context(user: User, dossier_id: str) -> dict[str, Any]:
    """What a dossier page's frame shows: the dossier, its tabs (Messages with the user's unread count) and the
    tab the page belongs to."""
    dossier = await user.api.get(f"/dossiers/{dossier_id}")
    tabs = tabs_for(user, dossier_id)
    for tab in tabs:
        if tab["path"].endswith("/messages"):
            tab["badge"] = await unread_messages(user, dossier_id)
    current = current_tab(tabs, user.request.url.path)
    return {"dossier": dossier, "tabs": tabs, "current_tab": current,
            "setup_open": bool(current and current["setup"])}


async def dossier_page(user: User, template: str, dossier_id: str, *, status: int = 200, **values: Any) -> Response:
    """A page of the dossier inside its navigation (crumbs and tabs)."""
    return user.page(template, status=status, dossier_id=dossier_id,
                     **{**await dossier_context(user, dossier_id), **values})
