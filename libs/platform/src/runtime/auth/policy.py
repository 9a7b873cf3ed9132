"""The one permission policy every service asks: may this principal do this action on this dossier?

Deny by default: an action missing from the table is refused, and a principal never reaches a
dossier of another office, whatever the action. The table is the permission matrix
of ``runtime.auth.matrix`` (role/profile x action, rendered to docs/permissions.md); each row
becomes a rule here. Conditions on the dossier (portal scope, validation mode, payment module)
are read from the facts the caller puts on ``DossierRef``; a missing fact refuses. When the
reference carries the dossier replica's people (``DossierRef.access``, runtime.auth.current), a dossier
action must be allowed both to the token's claims and to the caller as the replica knows them now (issue 15).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from runtime.auth.current import DossierAccess
from runtime.auth.matrix import ACTIONS, API_KEY, CONDITION_TEXT, Action, Condition, Grantee, Scope
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role


class Forbidden(Exception):
    """The principal may not do the action; ``reason`` says why (safe to show the caller)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DossierRef:
    """The dossier an action is about, with the office that owns it and the facts the matrix may need.

    ``mailbox`` is the mailbox the action targets (API keys are bound to one). The other facts
    come from the dossier's effective settings (``DossierChanged.dossier.settings``); use
    ``from_settings`` to fill them. A fact left None refuses every cell that depends on it.
    """

    office_id: str
    dossier_id: str
    mailbox: str | None = None
    validation_mode: str | None = None
    portal_scope: str | None = None
    payment_module: bool | None = None
    financial_visible: bool | None = None
    # who may act on it now (the dossier replica's people, runtime.auth.current): a dossier action needs the
    # token's claims AND these to allow it (issue 15); None: the token alone decides
    access: DossierAccess | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_settings(cls, office_id: str, dossier_id: str, settings: Mapping[str, Any], *,
                      mailbox: str | None = None) -> "DossierRef":
        """A reference carrying the facts of the dossier's effective settings (a DossierSettings dict)."""
        return cls(
            office_id=str(office_id), dossier_id=str(dossier_id), mailbox=mailbox,
            validation_mode=settings.get("validation_mode"), portal_scope=settings.get("portal_scope"),
            payment_module=settings.get("payment_module"),
            financial_visible=bool(settings.get("financial_tab", True)) and not settings.get("hide_financial_data", False),
        )

    @classmethod
    def from_replica(cls, office_id: str, dossier_id: str, row: Mapping[str, Any]) -> "DossierRef":
        """A reference from a dossier replica's row (runtime.replica): its ``settings`` facts and, when the row
        holds the dossier's people (``users``, ``assignments``, ``admins``, ``status``: runtime.replica's
        access_row and people), who may act on it now, so the caller is judged by them too (issue 15)."""
        ref = cls.from_settings(office_id, dossier_id, row.get("settings") or {})
        if "users" not in row or "assignments" not in row:
            return ref
        return replace(ref, access=DossierAccess.from_rows(row["users"], row["assignments"], row.get("admins"),
                                                           archived=row.get("status") == "archived"))


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


def _conditions_hold(conditions: frozenset[Condition], dossier: DossierRef) -> None:
    for condition in sorted(conditions):
        fact = _FACTS[condition](dossier)
        if fact is None:
            raise Forbidden(f"the dossier's settings are needed to decide ({condition})")
        if not fact:
            raise Forbidden(f"not possible on this dossier: {CONDITION_TEXT[condition]}")


def _in(value: str | None, allowed: frozenset[str]) -> bool | None:
    return None if value is None else value in allowed


_FACTS: dict[Condition, Callable[[DossierRef], bool | None]] = {
    Condition.DOCUMENTS_IN_SCOPE: lambda d: _in(d.portal_scope, frozenset({"documents_archive", "documents_feedback"})),
    Condition.FEEDBACK_IN_SCOPE: lambda d: _in(d.portal_scope, frozenset({"documents_feedback", "feedback"})),
    Condition.CLIENT_VALIDATES: lambda d: _in(d.validation_mode, frozenset({"hybrid", "client"})),
    Condition.CLIENT_SENDS: lambda d: _in(d.validation_mode, frozenset({"client"})),
    Condition.PAYMENT_MODULE: lambda d: d.payment_module,
    Condition.FINANCIAL_VISIBLE: lambda d: d.financial_visible,
}


def _dossier_grantee(principal: Principal, action: Action, dossier: DossierRef) -> Grantee:
    """The matrix column the principal acts in on this dossier, once its reach is checked."""
    if principal.kind is PrincipalKind.COLLABORATOR:
        assert principal.role is not None
        if action.conditions_for(principal.role) is not None and not _collaborator_reaches(principal, dossier.dossier_id):
            raise Forbidden("the dossier is not assigned to you")
        return principal.role
    if principal.kind is PrincipalKind.CLIENT:
        profile = principal.profiles.get(dossier.dossier_id)
        if profile is None:
            raise Forbidden("you hold no profile on this dossier")
        return profile
    scope = principal.api_key_scope
    if action.conditions_for(API_KEY) is not None:
        if scope is None or scope.dossier_id != dossier.dossier_id:
            raise Forbidden("the API key is scoped to another dossier")
        if dossier.mailbox is None or dossier.mailbox != scope.mailbox:
            raise Forbidden("the API key is scoped to another mailbox")
    return API_KEY


def _assignment_allows(principal: Principal, action: Action, dossier: DossierRef) -> None:
    """A "worklists only" assignment (OFF-2) limits the collaborator to the rows marked for it, whatever the role."""
    if (principal.kind is PrincipalKind.COLLABORATOR and dossier.dossier_id in principal.worklists_only
            and not action.worklists_only):
        raise Forbidden(f"your assignment to this dossier is limited to its worklists: you may not {action.description}")


def _office_grants(principal: Principal, action: Action) -> list[frozenset[Condition]]:
    if principal.kind is PrincipalKind.COLLABORATOR:
        found = action.conditions_for(principal.role)  # type: ignore[arg-type]
        return [] if found is None else [found]
    if principal.kind is PrincipalKind.CLIENT:  # an office-wide action: any profile the user holds
        return [c for p in set(principal.profiles.values()) if (c := action.conditions_for(p)) is not None]
    found = action.conditions_for(API_KEY)
    return [] if found is None else [found]


def matrix_rule(action: Action) -> Rule:
    """The rule enforcing one row of the permission matrix (runtime.auth.matrix)."""

    def rule(principal: Principal, dossier: DossierRef | None) -> None:
        if action.scope is Scope.OFFICE:
            if not _office_grants(principal, action):
                raise Forbidden(f"{_who(principal)} may not {action.description}")
            return
        if dossier is None:
            raise Forbidden("this action needs a dossier")
        if dossier.access is not None:  # the replica's people now, and the token: both must allow (issue 15)
            _on_dossier(dossier.access.current(principal, dossier.dossier_id), action, dossier)
        _on_dossier(principal, action, dossier)

    return rule


def _on_dossier(principal: Principal, action: Action, dossier: DossierRef) -> None:
    """Raise Forbidden unless the matrix lets the principal do the dossier action on this dossier."""
    grantee = _dossier_grantee(principal, action, dossier)
    conditions = action.conditions_for(grantee)
    if conditions is None:
        raise Forbidden(f"{_who(principal, grantee)} may not {action.description}")
    _assignment_allows(principal, action, dossier)
    _conditions_hold(conditions, dossier)


def _who(principal: Principal, grantee: Grantee | None = None) -> str:
    if principal.kind is PrincipalKind.COLLABORATOR:
        return f"role {principal.role}"
    if principal.kind is PrincipalKind.CLIENT:
        return f"profile {grantee}" if grantee is not None else "client users"
    return "API keys"


RULES: dict[str, Rule] = {action.name: matrix_rule(action) for action in ACTIONS}
POLICY: Policy = TablePolicy(RULES)


def is_allowed(principal: Principal, action: str, dossier: DossierRef | None = None, *,
               policy: Policy | None = None) -> bool:
    """True when ``authorize`` would let the principal do the action (for filtering lists)."""
    try:
        authorize(principal, action, dossier, policy=policy)
    except Forbidden:
        return False
    return True


def allowed_rows(principal: Principal, action: str, rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows (each with a ``dossier_id`` and that dossier's ``settings``) of the dossiers the principal may do the
    action on: a list for many dossiers at once (e.g. a service's counters of the active-clients monitor). A row
    holding its dossier's people (runtime.replica.allowed_rows adds them) is judged by them too, like a single
    dossier's action (DossierRef.from_replica); a row without them by the token alone."""
    return [row for row in rows if is_allowed(principal, action, DossierRef.from_replica(
        principal.office_id, str(row["dossier_id"]), row))]


def authorize(principal: Principal, action: str, dossier: DossierRef | None = None, *, policy: Policy | None = None) -> None:
    """Return if the principal may do the action on the dossier; raise Forbidden with the reason otherwise."""
    (policy or POLICY).check(principal, action, dossier)
