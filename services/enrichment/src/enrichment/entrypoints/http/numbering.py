"""The HTTP API of enrichment: the real next document number of a dossier's journals (ENR-4, issue 15 item 8), and
a proposal's number when its journal or period changes (issue 15).

Enrichment hands out the numbers, so it answers what the journals page shows and renumbers what the worklist
moved; `/healthz` and `/metrics` come from the runtime. Callers authenticate with the office's tokens: the
dossier must be theirs to configure (journals page) or to edit in the worklist (renumbering).
"""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.errors import ServiceError
from runtime.http import deps

from enrichment.adapters.postgres import PgReplica, in_transaction
from enrichment.handlers.context import Deps
from enrichment.handlers.numbering import NumberingError, next_numbers, renumber

router = APIRouter(tags=["numbering"])


class JournalNumber(BaseModel):
    """A journal's next document number, in which fiscal year (None: it numbered nothing yet)."""

    code: str
    fiscal_year: str | None
    next_number: int


class Numbering(BaseModel):
    journals: list[JournalNumber]


class ProposalNumber(BaseModel):
    """The proposal's number; renumbered: it changed (the old one is never handed out again)."""

    document_number: str
    renumbered: bool


@router.get("/dossiers/{dossier_id}/numbering", response_model=Numbering)
async def numbering(dossier_id: UUID, _: Principal = Depends(require("dossier.configure")),
                    service: Deps = Depends(deps)) -> dict[str, Any]:
    """Each active journal's next number: in its newest fiscal year, or where its first year will start."""
    found = await next_numbers(PgReplica(service.pool), dossier_id)
    return {"journals": [{"code": n.journal, "fiscal_year": n.fiscal_year, "next_number": n.next_number}
                         for n in found]}


class NumberFor(BaseModel):
    """Where the proposal now sits: its journal and its period."""

    model_config = ConfigDict(extra="forbid")
    journal: str = Field(min_length=1, max_length=20)
    period: str = Field(min_length=1, max_length=20)


@router.post("/dossiers/{dossier_id}/proposals/{proposal_id}/number", response_model=ProposalNumber)
async def number_for(dossier_id: UUID, proposal_id: UUID, body: NumberFor,
                     _: Principal = Depends(require("worklist.edit")),
                     service: Deps = Depends(deps)) -> dict[str, Any]:
    """ENR-4: the proposal's number for its journal and period: kept within the same journal and fiscal year,
    else the next number of that year's count (the old one is never handed out again). 404 for a proposal not
    live in the dossier, 422 naming an unknown journal or period."""
    try:
        async with in_transaction(service.pool) as replica:
            number, renumbered = await renumber(replica, dossier_id, proposal_id, body.journal, body.period)
    except NumberingError as exc:
        if exc.code == "unknown_proposal":
            raise ServiceError(404, "not_found", exc.message) from exc
        field = "journal" if exc.code == "unknown_journal" else "period"
        raise ServiceError(422, "validation_error", exc.message,
                           fields=[{"field": field, "code": exc.code, "message": exc.message}]) from exc
    return {"document_number": number, "renumbered": renumbered}
