"""Who a user is to the policy: the Principal built from their account, assignments and profiles."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role

from office.domain.errors import Conflict


@dataclass(frozen=True)
class Account:
    """A user account as the office keeps it (collaborator or client user)."""

    id: str
    office_id: str
    kind: str  # "collaborator" | "client"
    email: str
    name: str
    language: str
    role: str | None
    active: bool


@dataclass(frozen=True)
class Collaborator:
    """A collaborator of the office as the API shows them (API.md ``Collaborator``)."""

    id: str
    email: str
    name: str
    role: str
    language: str
    active: bool
    created_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "email": self.email, "name": self.name, "role": self.role, "language": self.language,
                "active": self.active, "created_at": self.created_at.isoformat() if self.created_at else None}


def principal_of(
    account: Account, *, assigned: Iterable[str] = (), via_groups: Iterable[str] = (),
    profiles: Mapping[str, str] | None = None, worklists_only: Iterable[str] = (),
) -> Principal:
    """The principal of an account: role and reach for collaborators, profiles for client users.

    ADMIN reaches every dossier by role; their lists only say which are theirs ("my dossiers",
    ACT-1). SUPPORT reaches assigned dossiers only, so client-group dossiers are left out (OFF-2).
    ``worklists_only`` are the assignments flagged "worklists only": the policy limits the
    collaborator there to the matrix rows marked for it. Not for an ADMIN: their assignments are not
    listed (they reach every dossier by role), so a flag on one would be a restriction nobody sees.
    """
    if account.kind == "collaborator":
        role = Role(account.role)
        return Principal(
            subject=account.id, kind=PrincipalKind.COLLABORATOR, office_id=account.office_id, role=role,
            assigned_dossiers=frozenset(assigned),
            group_dossiers=frozenset(via_groups) if role is not Role.SUPPORT else frozenset(),
            worklists_only=frozenset(worklists_only) if role is not Role.ADMIN else frozenset(),
        )
    return Principal(
        subject=account.id, kind=PrincipalKind.CLIENT, office_id=account.office_id,
        profiles={d: ClientProfile(p) for d, p in (profiles or {}).items()},
    )


def token_claims(account: Account) -> dict[str, str]:
    """The claims besides the principal's that the portal reads from an access token."""
    return {"email": account.email, "name": account.name, "lang": account.language}


def email_taken() -> Conflict:
    """The answer when another account has the e-mail address (any office: an address logs in to one account)."""
    return Conflict("this e-mail address is already in use", field="email", reason="email_taken")
