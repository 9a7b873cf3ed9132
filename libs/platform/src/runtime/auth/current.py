"""Who may act on a dossier now, from the dossier replica, rather than when the caller's token was issued.

An access token says the caller's role, profiles and assignments as they were when it was issued (up to 15
minutes ago). A service holding the dossier replica (runtime.replica) knows the dossier's current client users,
assigned collaborators and the office's admins, as office last published them (issue 15: a role, profile or
assignment changed at the office must not be trusted for 15 more minutes elsewhere). ``DossierAccess.current``
gives the principal as the replica sees it on that one dossier.

runtime.auth.policy allows an action only when the token AND the replica allow it. Either may be the stale one: a
token issued before a change, or a replica whose dossier.changed is not applied yet (a consumer behind or down)
while the caller already holds a token issued after the change. So the replica only ever takes rights away: a
promotion or a new assignment counts once the caller's next token says it too.

A fact the replica does not hold refuses: a client user not listed (or inactive, or on an archived dossier), a
collaborator neither assigned nor among the admins, a role or profile it cannot read. The replica decides once
office's snapshot of the dossier names the office's admins (every snapshot office publishes does: an office
always keeps one active admin); a replica written from older snapshots, or a test world's events without
admins, leaves the decision to the token alone, as before. An API key is judged by its token (office re-reads it).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role


@dataclass(frozen=True)
class OnDossier:
    """A collaborator on the dossier as the replica says: role, directly or via a client group, worklists only."""

    role: Role
    direct: bool
    worklists_only: bool


@dataclass(frozen=True)
class DossierAccess:
    """The dossier's people now: client users (user id → profile, active ones only), the collaborators on it
    and the office's active admins."""

    profiles: Mapping[str, ClientProfile]
    collaborators: Mapping[str, OnDossier]
    admins: frozenset[str]

    @classmethod
    def from_rows(cls, users: Iterable[Mapping[str, Any]], assignments: Iterable[Mapping[str, Any]],
                  admins: Iterable[Any] | None, *, archived: bool = False) -> "DossierAccess | None":
        """From the replica's rows (users: user_id, profile, active; assignments: collaborator_id, role, via,
        worklists_only; the contract's lower-case roles and profiles); None when the snapshot named no admins
        (an older one: the token decides). A row whose role or profile is unknown is left out (refused); an
        archived dossier has no client users (office gives clients no profile there either)."""
        if not admins:
            return None
        profiles: dict[str, ClientProfile] = {}
        for u in users if not archived else ():
            profile = _parsed(ClientProfile, u.get("profile"))
            if u.get("active") is True and profile is not None:
                profiles[str(u["user_id"])] = profile
        collaborators: dict[str, OnDossier] = {}
        for a in assignments:
            role = _parsed(Role, a.get("role"))
            if role is not None:
                collaborators.setdefault(str(a["collaborator_id"]), OnDossier(
                    role, a.get("via") == "direct", a.get("worklists_only") is not False))
        return cls(profiles, collaborators, frozenset(map(str, admins)))

    def current(self, principal: Principal, dossier_id: str) -> Principal:
        """The principal with its reach on this dossier as the replica says it is now (other dossiers as the
        token says: the replica speaks for this one only)."""
        if principal.kind is PrincipalKind.CLIENT:
            profiles = {d: p for d, p in principal.profiles.items() if d != dossier_id}
            if principal.subject in self.profiles:
                profiles[dossier_id] = self.profiles[principal.subject]
            return replace(principal, profiles=profiles)
        if principal.kind is PrincipalKind.COLLABORATOR:
            return self._collaborator(principal, dossier_id)
        return principal

    def _collaborator(self, principal: Principal, dossier_id: str) -> Principal:
        on = self.collaborators.get(principal.subject)
        if principal.subject in self.admins:
            role = Role.ADMIN
        elif on is not None:
            role = on.role
        else:  # neither on this dossier nor an admin: it reaches nothing here, whatever its role
            role = Role.COLLABORATOR if principal.role is Role.ADMIN else principal.role
        direct, group = on is not None and on.direct, on is not None and not on.direct

        def only(ids: frozenset[str], holds: bool) -> frozenset[str]:
            return (ids - {dossier_id}) | ({dossier_id} if holds else frozenset())
        return replace(principal, role=role, assigned_dossiers=only(principal.assigned_dossiers, direct),
                       group_dossiers=only(principal.group_dossiers, group),
                       worklists_only=only(principal.worklists_only, direct and on is not None and on.worklists_only))


def _parsed(kind: type[Role] | type[ClientProfile], value: Any) -> Any:
    """The enum member a replica's lower-case value names, or None when it names none."""
    try:
        return kind(str(value).upper())
    except ValueError:
        return None
