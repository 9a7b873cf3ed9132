"""What every ingest use case is given: the pool, the object store and the settings; and who handed a file in."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
from runtime.auth.principal import Principal, PrincipalKind
from runtime.storage import ObjectStorage

from ingest.adapters.unit_of_work import PgUnitOfWork
from ingest.config import IngestSettings
from ingest.domain.ports import UnitOfWork


@dataclass(frozen=True)
class Deps:
    """The dependencies of the use cases, built by bootstrap; unit tests give a memory ``unit_of_work``."""

    pool: asyncpg.Pool
    store: ObjectStorage
    settings: IngestSettings
    unit_of_work: Callable[[], UnitOfWork] | None = None

    def uow(self) -> UnitOfWork:
        """A new unit of work: by default one transaction on the pool."""
        if self.unit_of_work is not None:
            return self.unit_of_work()
        return PgUnitOfWork(self.pool)


@dataclass(frozen=True)
class Origin:
    """How and by whom documents came in: source (portal | email | mobile | api), sender, the user, the mail."""

    source: str
    sender: str | None = None
    submitted_by: dict[str, str | None] | None = None
    email_message_id: str | None = None
    email_subject: str | None = None
    correlation_id: str | None = None

    @classmethod
    def of(cls, principal: Principal, source: str, claims: dict[str, Any] | None = None) -> "Origin":
        """The origin of an HTTP request: API keys are the source 'api' whatever the route."""
        claims = claims or {}
        if principal.kind is PrincipalKind.API_KEY:
            return cls("api", sender=f"api-key:{principal.subject}")
        kind = "collaborator" if principal.kind is PrincipalKind.COLLABORATOR else "client_user"
        actor = {"kind": kind, "user_id": _uuid(principal.subject), "name": claims.get("name")}
        return cls(source, sender=claims.get("email"), submitted_by=actor)


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
