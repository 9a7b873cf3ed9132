"""Who the user is and what they may reach, from the office's ``/me``, decided by the platform's one policy.

The portal only uses this to show or hide navigation and to answer 403 for a forbidden area;
the office (and every other service) enforces the same matrix on its own.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from runtime.auth import DossierRef, Forbidden, Principal, authorize
from runtime.auth.principal import ClientProfile, PrincipalKind, Role


def principal_of(me: Mapping[str, Any]) -> Principal:
    """The principal that ``/me`` describes (user, office and the dossiers they may see, with how)."""
    user, office = me["user"], me["office"]
    dossiers = me.get("dossiers") or []
    if user.get("kind") == "client":
        profiles = {str(d["id"]): ClientProfile(d["profile"]) for d in dossiers if d.get("profile")}
        return Principal(subject=str(user["id"]), kind=PrincipalKind.CLIENT, office_id=str(office["id"]),
                         profiles=profiles)
    assigned = {str(d["id"]) for d in dossiers if d.get("access") == "assigned"}
    grouped = {str(d["id"]) for d in dossiers if d.get("access") == "client_group"}
    # OFF-2: an assignment "worklists only" limits what the policy allows there, so the portal hides the rest too
    limited = {str(d["id"]) for d in dossiers if d.get("worklists_only")}
    return Principal(subject=str(user["id"]), kind=PrincipalKind.COLLABORATOR, office_id=str(office["id"]),
                     role=Role(user["role"]), assigned_dossiers=frozenset(assigned), group_dossiers=frozenset(grouped),
                     worklists_only=frozenset(limited))


def dossier_ref(principal: Principal, dossier: str | Mapping[str, Any]) -> DossierRef:
    """The policy's view of a dossier: an id alone, or a DossierSummary whose portal scope and validation mode
    the matrix's conditions read (DOS-1, WL-11)."""
    if isinstance(dossier, Mapping):
        return DossierRef.from_settings(principal.office_id, str(dossier["id"]), dossier)
    return DossierRef(principal.office_id, str(dossier))


def may(principal: Principal, action: str, dossier: str | Mapping[str, Any] | None = None) -> bool:
    """True when the shared policy allows the action (on the dossier, if one is named)."""
    ref = dossier_ref(principal, dossier) if dossier is not None else None
    try:
        authorize(principal, action, ref)
    except Forbidden:
        return False
    return True


def is_collaborator(principal: Principal) -> bool:
    return principal.kind is PrincipalKind.COLLABORATOR
