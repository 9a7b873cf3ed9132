"""What every worklist use case is given, and who is acting."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import asyncpg
from runtime.auth.principal import Principal, PrincipalKind
from runtime.storage import ObjectStorage

from worklist.adapters.unit_of_work import PgUnitOfWork
from worklist.config import WorklistSettings
from worklist.domain.ports import UnitOfWork


class NumberSource(Protocol):
    """Who hands out document numbers (enrichment, ENR-4): a proposal's number for its journal and period, the one
    it holds while they stay in the same fiscal year; None when it does not number that proposal."""

    async def number_for(self, token: str, dossier_id: uuid.UUID, proposal_id: uuid.UUID, journal: str,
                         period: str) -> str | None: ...


@dataclass(frozen=True)
class Deps:
    """The dependencies of the use cases, built by bootstrap; unit tests give a memory ``unit_of_work``."""

    pool: asyncpg.Pool
    settings: WorklistSettings
    store: ObjectStorage | None = None  # the documents bucket: recognised words for the annotation overlay
    numbers: NumberSource | None = None  # a proposal moved to another fiscal year gets that year's number
    unit_of_work: Callable[[], UnitOfWork] | None = None

    def uow(self) -> UnitOfWork:
        """A new unit of work: by default one transaction on the pool."""
        if self.unit_of_work is not None:
            return self.unit_of_work()
        return PgUnitOfWork(self.pool)


@dataclass(frozen=True)
class Caller:
    """The person acting: their principal, as an Actor of the contracts, and the request's correlation id."""

    principal: Principal
    name: str | None = None
    correlation_id: str = "worklist"
    token: str | None = None  # their bearer token, to act on their behalf toward another service (numbers)

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
