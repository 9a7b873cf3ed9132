"""The HTTP API of enrichment: the real next document number of a dossier's journals (ENR-4, issue 15 item 8).

Enrichment hands out the numbers, so it answers what the journals page shows; `/healthz` and `/metrics` come
from the runtime. Callers authenticate with the office's tokens; the dossier must be theirs to configure.
"""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from enrichment.adapters.postgres import PgReplica
from enrichment.handlers.numbering import next_numbers

router = APIRouter(tags=["numbering"])


@router.get("/dossiers/{dossier_id}/numbering")
async def numbering(request: Request, dossier_id: UUID,
                    _: Principal = Depends(require("dossier.configure"))) -> dict[str, Any]:
    """Each active journal's next number: in its newest fiscal year, or where its first year will start."""
    found = await next_numbers(PgReplica(request.app.state.enrichment_pool), dossier_id)
    return {"journals": [{"code": n.journal, "fiscal_year": n.fiscal_year, "next_number": n.next_number}
                         for n in found]}
