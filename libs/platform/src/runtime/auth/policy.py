"""The one permission policy every service asks: may this principal do this action on this dossier?

Deny by default: an action missing from the table is refused, and a principal never reaches a
dossier of another office, whatever the action. The table below holds a handful of
illustrative actions; the full matrix (role/profile x action, docs/permissions.md) replaces it
with the office issue.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role


class Forbidden(Exception):
    """The principal may not do the action; ``reason`` says why (safe to show the caller)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DossierRef:
    """The dossier an action is about, with the office that owns it."""

    office_id: str
    dossier_id: str


Rule = Callable[[Principal, DossierRef | None], None]
"""Raises Forbidden unless the principal may act (the office check has already passed)."""


class Policy(Protocol):
    """Decides an action: returns None when allowed, raises Forbidden with the reason otherwise.

    A principal of another office than the dossier's is always refused, before anything else;
    an action the policy does not know is refused.
    """

    def check(self, principal: Principal, action: str, dossier: DossierRef | None) -> None: ...


class TablePolicy:
    """A Policy read from an explicit table ``{action: rule}``."""

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        self.rules = dict(rules)

    def check(self, principal: Principal, action: str, dossier: DossierRef | None) -> None:
        if dossier is not None and dossier.office_id != principal.office_id:
            raise Forbidden("the dossier belongs to another office")
        rule = self.rules.get(action)
        if rule is None:
            raise Forbidden(f"unknown action {action!r}")
        rule(principal, dossier)


def _collaborator_reaches(principal: Principal, dossier_id: str) -> bool:
    if principal.role is Role.ADMIN:
        return True
    if principal.role is Role.COLLABORATOR:
        return dossier_id in principal.assigned_dossiers or dossier_id in principal.group_dossiers
    return dossier_id in principal.assigned_dossiers  # SUPPORT: assigned only


def on_dossier(
    roles: frozenset[Role], profiles: frozenset[ClientProfile], api_key: bool = False
) -> Rule:
    """A rule for an action on one dossier: which collaborator roles, client profiles and API keys may do it."""

    def rule(principal: Principal, dossier: DossierRef | None) -> None:
        if dossier is None:
            raise Forbidden("this action needs a dossier")
        if principal.kind is PrincipalKind.COLLABORATOR:
            if principal.role not in roles:
                raise Forbidden(f"role {principal.role} may not do this")
            if not _collaborator_reaches(principal, dossier.dossier_id):
                raise Forbidden("the dossier is not assigned to you")
        elif principal.kind is PrincipalKind.CLIENT:
            profile = principal.profiles.get(dossier.dossier_id)
            if profile is None:
                raise Forbidden("you hold no profile on this dossier")
            if profile not in profiles:
                raise Forbidden(f"profile {profile} may not do this")
        else:
            if not api_key:
                raise Forbidden("API keys may not do this")
            if principal.api_key_scope is None or principal.api_key_scope.dossier_id != dossier.dossier_id:
                raise Forbidden("the API key is scoped to another dossier")

    return rule


def in_office(roles: frozenset[Role]) -> Rule:
    """A rule for an office-wide action (no dossier): collaborators with one of these roles only."""

    def rule(principal: Principal, dossier: DossierRef | None) -> None:
        if principal.kind is not PrincipalKind.COLLABORATOR or principal.role not in roles:
            raise Forbidden("only office collaborators with the right role may do this")

    return rule


_ALL_ROLES = frozenset(Role)
_P = ClientProfile
_UPLOADERS = frozenset({_P.ADMINISTRATOR, _P.FULL_ACCESS, _P.DOCUMENT_PROCESSING, _P.DOCUMENT_PROCESSING_ARCHIVE,
                        _P.DOCUMENT_DELIVERY})

# Illustrative until the office issue brings the full matrix (docs/permissions.md).
RULES: dict[str, Rule] = {
    "dossier.view": on_dossier(_ALL_ROLES, frozenset(_P)),
    "dossier.settings": on_dossier(frozenset({Role.ADMIN, Role.COLLABORATOR}), frozenset({_P.ADMINISTRATOR})),
    "document.upload": on_dossier(_ALL_ROLES, _UPLOADERS, api_key=True),
    "document.edit": on_dossier(
        _ALL_ROLES, frozenset({_P.ADMINISTRATOR, _P.FULL_ACCESS, _P.DOCUMENT_PROCESSING, _P.DOCUMENT_PROCESSING_ARCHIVE})
    ),
    "archive.view": on_dossier(
        _ALL_ROLES, frozenset({_P.ADMINISTRATOR, _P.FULL_ACCESS, _P.DOCUMENT_PROCESSING_ARCHIVE, _P.FULL_FEEDBACK})
    ),
    "report.view": on_dossier(_ALL_ROLES, frozenset({_P.ADMINISTRATOR, _P.FULL_ACCESS, _P.FULL_FEEDBACK})),
    "office.manage": in_office(frozenset({Role.ADMIN})),
}
POLICY: Policy = TablePolicy(RULES)


def authorize(principal: Principal, action: str, dossier: DossierRef | None = None, *, policy: Policy | None = None) -> None:
    """Return if the principal may do the action on the dossier; raise Forbidden with the reason otherwise."""
    (policy or POLICY).check(principal, action, dossier)
