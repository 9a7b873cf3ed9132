"""The PDF with an OCR text layer recognition stored for a scanned or photographed document (REC-1), offered for
download from the proposal screen (issue 19 item 5)."""
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


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}/searchable-pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}, "description": "the searchable PDF"}})
async def searchable_pdf(request: Request, dossier_id: UUID, proposal_id: UUID,
                         _: Principal = Depends(require("worklist.view"))) -> Response:
    """The searchable PDF of the proposal's document (`searchable_pdf` in the proposal says whether there is one);
    404 `not_found` when it has none (a text PDF, an e-invoice, a manual entry) or it is no longer stored."""
    deps = deps_of(request)
    found = await reading.proposal(deps, dossier_id, proposal_id)
    if not found.searchable_pdf_key or deps.store is None:
        raise NotFound(f"proposal {proposal_id} has no searchable PDF")
    try:
        body = await deps.store.get_bytes(found.searchable_pdf_key)
    except ObjectNotFound as exc:
        raise NotFound(f"the searchable PDF of proposal {proposal_id} is no longer stored") from exc
    return Response(body, media_type="application/pdf", headers={
        "cache-control": "private, max-age=3600",
        "content-disposition": f'attachment; filename="searchable-{found.document_id}.pdf"'})
