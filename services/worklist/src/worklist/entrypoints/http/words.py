"""The recognised words of a proposal's document, with their boxes per page (WL-5: the annotation overlay)."""
from __future__ import annotations

import logging
from uuid import UUID

from contracts.envelope import ContractError
from contracts.events.words import RecognizedWords, read_words
from fastapi import APIRouter, Depends, Request, Response
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.domain.errors import NotFound
from worklist.entrypoints.http.common import deps_of
from worklist.handlers import reading

log = logging.getLogger(__name__)
router = APIRouter(tags=["proposals"])


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}/words",
            responses={200: {"model": RecognizedWords, "description": "the words of every page with their boxes"}})
async def words(request: Request, dossier_id: UUID, proposal_id: UUID,
                _: Principal = Depends(require("worklist.view"))) -> Response:
    """The words recognition stored for the document (`words_key`), validated against the contract
    (contracts.events.words); 404 `not_found` when it has none (a structured e-invoice, a manual entry, or a
    document read before words were kept) or when the stored object is malformed (the message names where)."""
    found, body = await reading.recognised_file(deps_of(request), dossier_id, proposal_id,
                                                lambda p: p.words_key, "recognised words")
    try:
        checked = read_words(body)
    except ContractError as exc:
        log.error("proposal %s: stored words %s refused: %s", proposal_id, found.words_key, exc)
        raise NotFound(f"the recognised words of proposal {proposal_id} are unusable: {exc}") from exc
    return Response(checked.model_dump_json(), media_type="application/json",
                    headers={"cache-control": "private, max-age=3600"})
