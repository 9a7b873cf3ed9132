"""The tabs of a dossier's pages (DOS-1..5, ING-4): where a user may go from one of its pages, by the matrix."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.domain.list_specs import DOSSIER_LISTS
from portal.entrypoints.guard import User
from portal.entrypoints.message_nav import unread_messages
from portal.i18n import N_


@dataclass(frozen=True)
class Tab:
    """A link among the dossier's pages, with the actions of which any one opens it."""

    path: str
    label: str
    actions: tuple[str, ...]
    collaborators_only: bool = False


TABS: tuple[Tab, ...] = (
    Tab("", N_("Overview"), ("dossier.view",), collaborators_only=True),
    Tab("/settings", N_("Settings"), ("dossier.configure", "dossier.settings.edit")),
    Tab("/documents", N_("Documents"), ("document.view",), collaborators_only=True),
    Tab("/dashboard", N_("Dashboard"), ("dashboard.view",)),
    Tab("/history", N_("History"), ("history.view",)),
    Tab("/archive", N_("Archive"), ("archive.view",)),
    Tab("/worklist", N_("Worklist"), ("worklist.view",)),
    Tab("/messages", N_("Messages"), ("conversation.view",)),
    Tab("/payments", N_("Payments"), ("payment.view",)),  # the matrix needs the dossier's payment module on
    *(Tab(f"/lists/{key}", spec.title, ("dossier.configure",)) for key, spec in DOSSIER_LISTS.items()),
    Tab("/api-keys", N_("API keys"), ("apikey.manage",)),
    Tab("/users", N_("Client users"), ("dossier.users.view",)),
    Tab("/assignments", N_("Collaborators"), ("dossier.assign",), collaborators_only=True),
)


def tabs_for(user: User, dossier_id: str) -> list[dict[str, Any]]:
    """The tabs this user may open on the dossier, with their full paths."""
    return [{"path": f"/dossiers/{dossier_id}{t.path}", "label": t.label} for t in TABS
            if (user.is_collaborator or not t.collaborators_only) and any(user.may(a, dossier_id) for a in t.actions)]


async def dossier_context(user: User, dossier_id: str) -> dict[str, Any]:
    """What a dossier page's frame shows: the dossier and its tabs, Messages with the user's unread count."""
    dossier = await user.api.get(f"/dossiers/{dossier_id}")
    tabs = tabs_for(user, dossier_id)
    for tab in tabs:
        if tab["path"].endswith("/messages"):
            tab["badge"] = await unread_messages(user, dossier_id)
    return {"dossier": dossier, "tabs": tabs}
