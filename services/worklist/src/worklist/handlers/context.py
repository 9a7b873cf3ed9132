"""What every worklist use case is given, and who is acting."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg
from runtime.auth.principal import Principal, PrincipalKind
from runtime.storage import ObjectStorage

from worklist.config import WorklistSettings


@dataclass(frozen=True)
class Deps:
    """The dependencies of the use cases, built by bootstrap."""

    pool: asyncpg.Pool
    settings: WorklistSettings
    store: ObjectStorage | None = None  # the documents bucket: recognised words for the annotation overlay


@dataclass(frozen=True)
class Caller:
    """The person acting: their principal, as an Actor of the contracts, and the request's correlation id."""

    principal: Principal
    name: str | None = None
    correlation_id: str = "worklist"

    @property
    def actor(self) -> dict[str, Any]:
        kind = {PrincipalKind.COLLABORATOR: "collaborator", PrincipalKind.CLIENT: "client_user"}.get(
            self.principal.kind, "system")
        return {"kind": kind, "user_id": _uuid(self.principal.subject), "name": self.name}


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
