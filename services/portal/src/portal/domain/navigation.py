"""What the navigation offers a user: office pages by role, client areas by profile (DOS-4) and portal scope (DOS-1).

Each entry names the action of the shared permission matrix that it needs; an entry shows only
when the policy allows it, and the page behind it answers 403 otherwise.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runtime.auth import Principal

from portal.domain.access import is_collaborator, may
from portal.i18n import N_

DOCUMENTS_ARCHIVE, DOCUMENTS_FEEDBACK, FEEDBACK = "documents_archive", "documents_feedback", "feedback"
PORTAL_SCOPES = (DOCUMENTS_ARCHIVE, DOCUMENTS_FEEDBACK, FEEDBACK)


@dataclass(frozen=True)
class NavItem:
    """A link of the office navigation and the action it needs (None: any collaborator)."""

    path: str
    label: str
    action: str | None


OFFICE_NAV: tuple[NavItem, ...] = (
    NavItem("/dossiers", N_("Dossiers"), None),
    NavItem("/monitor", N_("Active clients"), "monitor.view"),
    NavItem("/office/collaborators", N_("Collaborators"), "collaborator.view"),
    NavItem("/office/groups", N_("Groups"), "group.view"),
    NavItem("/office/settings", N_("Office settings"), "office.settings.view"),
    NavItem("/office/templates", N_("Templates"), "template.manage"),
)


@dataclass(frozen=True)
class Area:
    """A part of the client portal: its key (in the URL), its texts and the matrix action it needs.

    The matrix itself knows which profiles (DOS-4) and which portal scopes (DOS-1) allow the action.
    """

    key: str
    label: str
    description: str
    action: str


CLIENT_AREAS: tuple[Area, ...] = (
    Area("upload", N_("Upload documents"), N_("Send purchase and sales documents to your accountant."),
         "document.upload"),
    Area("documents", N_("Documents"), N_("Sort, split and send the documents in your mailboxes."), "document.view"),
    Area("worklist", N_("Worklist"), N_("Correct and check the booking proposals of your documents."),
         "worklist.view"),
    Area("capture", N_("Capture"), N_("Take photos of receipts and invoices with your phone."),
         "document.mobile_capture"),
    Area("archive", N_("Archive"), N_("Find every booked document and its entry."), "archive.view"),
    Area("dashboard", N_("Dashboard"), N_("Key figures and charts of your accounts."), "dashboard.view"),
    Area("history", N_("History"), N_("Invoices per customer and supplier: what is paid and what is still open."),
         "history.view"),
    Area("reports", N_("Reports"), N_("The standard reports of your accounts."), "report.view"),
    Area("conversations", N_("Conversations"), N_("Questions and answers with your accountant."),
         "conversation.view"),
    Area("payments", N_("Payments"), N_("Pay your suppliers: approve, then execute by SEPA file or QR code."),
         "payment.view"),
    Area("users", N_("Users"), N_("Who of your company may use the portal, and how."), "dossier.users.manage"),
    Area("settings", N_("Dossier settings"), N_("Automatic transmission, payment date and dashboard accounts."),
         "dossier.settings.edit"),
)
AREAS_BY_KEY: Mapping[str, Area] = {a.key: a for a in CLIENT_AREAS}


def office_nav(principal: Principal) -> list[NavItem]:
    """The office pages this collaborator may open; none for client users."""
    if not is_collaborator(principal):
        return []
    return [item for item in OFFICE_NAV if item.action is None or may(principal, item.action)]


def client_areas(principal: Principal, dossier: Mapping[str, Any]) -> list[Area]:
    """The client-portal areas of one dossier (a DossierSummary) this user may reach, as the matrix decides."""
    return [a for a in CLIENT_AREAS if may(principal, a.action, dossier)]


def area_allowed(principal: Principal, dossier: Mapping[str, Any], key: str) -> bool:
    return any(a.key == key for a in client_areas(principal, dossier))


def dossier_of(me: Mapping[str, Any], dossier_id: str) -> Mapping[str, Any] | None:
    """The summary of a dossier the user may see (from /me), or None."""
    return next((d for d in me.get("dossiers") or () if str(d["id"]) == str(dossier_id)), None)


def client_dossiers(me: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
    """The dossiers of a client user, with their profile."""
    return [d for d in me.get("dossiers") or () if d.get("profile")]
