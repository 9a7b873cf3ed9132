"""The authenticated caller of a request: a collaborator, a client user or an API key, in one office."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class PrincipalKind(StrEnum):
    """What kind of caller a principal is."""

    COLLABORATOR = "collaborator"
    CLIENT = "client"
    API_KEY = "api_key"


class Role(StrEnum):
    """The office role of a collaborator (DESIGN: ADMIN all, COLLABORATOR assigned + groups, SUPPORT assigned)."""

    ADMIN = "ADMIN"
    COLLABORATOR = "COLLABORATOR"
    SUPPORT = "SUPPORT"


class ClientProfile(StrEnum):
    """The profile a client user holds on one dossier (FEATURES.md DOS-4)."""

    ADMINISTRATOR = "ADMINISTRATOR"  # everything incl. dossier settings
    FULL_ACCESS = "FULL_ACCESS"  # everything but settings
    DOCUMENT_PROCESSING = "DOCUMENT_PROCESSING"  # upload and edit only
    DOCUMENT_PROCESSING_ARCHIVE = "DOCUMENT_PROCESSING_ARCHIVE"  # upload, edit and archive
    FULL_FEEDBACK = "FULL_FEEDBACK"  # dashboard, reports, archive; no documents
    DOCUMENT_DELIVERY = "DOCUMENT_DELIVERY"  # upload only (portal or mobile)


@dataclass(frozen=True)
class ApiKeyScope:
    """What an integration's API key may reach: one dossier and one of its mailboxes."""

    dossier_id: str
    mailbox: str


@dataclass(frozen=True)
class Principal:
    """An authenticated caller with what the token says about its reach.

    ``profiles`` maps dossier id → client profile (client users); ``assigned_dossiers`` and
    ``group_dossiers`` are the dossiers a collaborator is assigned to directly and through
    client groups; ``worklists_only`` are the assigned dossiers where the assignment is limited to the
    worklists (OFF-2: the matrix lets such a collaborator do only the actions marked for it there);
    ``api_key_scope`` is set for API keys only.
    """

    subject: str
    kind: PrincipalKind
    office_id: str
    role: Role | None = None
    profiles: Mapping[str, ClientProfile] = field(default_factory=dict, hash=False)
    assigned_dossiers: frozenset[str] = frozenset()
    group_dossiers: frozenset[str] = frozenset()
    worklists_only: frozenset[str] = frozenset()
    api_key_scope: ApiKeyScope | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PrincipalKind(self.kind))
        object.__setattr__(self, "profiles", MappingProxyType({str(k): ClientProfile(v) for k, v in self.profiles.items()}))
        object.__setattr__(self, "assigned_dossiers", frozenset(map(str, self.assigned_dossiers)))
        object.__setattr__(self, "group_dossiers", frozenset(map(str, self.group_dossiers)))
        object.__setattr__(self, "worklists_only", frozenset(map(str, self.worklists_only)))
        if not self.subject or not self.office_id:
            raise ValueError("a principal needs a subject and an office")
        if (self.kind is PrincipalKind.COLLABORATOR) != (self.role is not None):
            raise ValueError("a role is required for collaborators and only for them")
        if self.role is not None:
            object.__setattr__(self, "role", Role(self.role))
        if (self.kind is PrincipalKind.API_KEY) != (self.api_key_scope is not None):
            raise ValueError("an API-key scope is required for API keys and only for them")

    def to_claims(self) -> dict[str, Any]:
        """The JWT claims that carry this principal (besides iss, aud, exp...)."""
        claims: dict[str, Any] = {"sub": self.subject, "kind": self.kind.value, "office_id": self.office_id}
        if self.role is not None:
            claims["role"] = self.role.value
        if self.profiles:
            claims["profiles"] = {d: p.value for d, p in sorted(self.profiles.items())}
        if self.assigned_dossiers:
            claims["dossiers"] = sorted(self.assigned_dossiers)
        if self.group_dossiers:
            claims["group_dossiers"] = sorted(self.group_dossiers)
        if self.worklists_only:
            claims["worklists_only"] = sorted(self.worklists_only)
        if self.api_key_scope is not None:
            claims["scope"] = {"dossier_id": self.api_key_scope.dossier_id, "mailbox": self.api_key_scope.mailbox}
        return claims

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> "Principal":
        """The principal described by verified JWT claims; ValueError/KeyError/TypeError if malformed."""
        scope = claims.get("scope")
        return cls(
            subject=str(claims["sub"]),
            kind=PrincipalKind(claims["kind"]),
            office_id=str(claims["office_id"]),
            role=Role(claims["role"]) if claims.get("role") is not None else None,
            profiles=dict(claims.get("profiles") or {}),
            assigned_dossiers=frozenset(claims.get("dossiers") or ()),
            group_dossiers=frozenset(claims.get("group_dossiers") or ()),
            worklists_only=frozenset(claims.get("worklists_only") or ()),
            api_key_scope=ApiKeyScope(str(scope["dossier_id"]), str(scope["mailbox"])) if scope else None,
        )
