"""Collaborator groups and client groups (OFF-3, DOS-5) as the office keeps them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from office.domain.errors import Conflict

COLLABORATOR_GROUPS, CLIENT_GROUPS = "collaborator_groups", "client_groups"  # the two kinds of group
KNOWN = ("collaborators", "dossiers", "collaborator_groups", "client_groups")  # what a group may refer to


@dataclass(frozen=True)
class CollaboratorGroup:
    """A group of collaborators, by id (sorted)."""

    id: str
    name: str
    members: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "members": list(self.members)}


@dataclass(frozen=True)
class ClientGroup:
    """A group of dossiers and the collaborators (directly, or through collaborator groups) who reach them; ids
    sorted."""

    id: str
    name: str
    dossiers: tuple[str, ...] = ()
    collaborators: tuple[str, ...] = ()
    collaborator_groups: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "dossiers": list(self.dossiers),
                "collaborators": list(self.collaborators), "collaborator_groups": list(self.collaborator_groups)}


Group = CollaboratorGroup | ClientGroup


def name_taken() -> Conflict:
    """The error for a group name the office already uses for a group of that kind."""
    return Conflict("a group with this name already exists", field="name", reason="name_taken")
