"""The recognised words of a proposal's document, with their boxes per page (WL-5: the annotation overlay)."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.storage import ObjectNotFound

from worklist.domain.errors import NotFound
from worklist.entrypoints.http.common import deps_of
from worklist.handlers import reading

router = APIRouter(tags=["proposals"])


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}/words")
async def words(request: Request, dossier_id: UUID, proposal_id: UUID,
                _: Principal = Depends(require("worklist.view"))) -> Response:
    """The words JSON recognition stored for the document (`words_key`); 404 `not_found` when it has none
    (a structured e-invoice, a manual entry, or a document read before words were kept)."""
    deps = deps_of(request)
    found = await reading.proposal(deps, dossier_id, proposal_id)
    if not found.words_key or deps.store is None:
        raise NotFound(f"proposal {proposal_id} has no recognised words")
    try:
        body = await deps.store.get_bytes(found.words_key)
    except ObjectNotFound as exc:
        raise NotFound(f"the recognised words of proposal {proposal_id} are no longer stored") from exc
    return Response(body, media_type="application/json", headers={"cache-control": "private, max-age=3600"})
