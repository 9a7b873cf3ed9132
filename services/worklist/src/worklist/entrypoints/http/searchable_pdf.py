"""The PDF with an OCR text layer recognition stored for a scanned or photographed document (REC-1), offered for
download from the proposal screen (issue 19 item 5)."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.entrypoints.http.common import deps_of
from worklist.handlers import reading

router = APIRouter(tags=["proposals"])


@router.get("/dossiers/{dossier_id}/proposals/{proposal_id}/searchable-pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}, "description": "the searchable PDF"}})
async def searchable_pdf(request: Request, dossier_id: UUID, proposal_id: UUID,
                         _: Principal = Depends(require("worklist.view"))) -> Response:
    """The searchable PDF of the proposal's document (`searchable_pdf` in the proposal says whether there is one);
    404 `not_found` when it has none (a text PDF, an e-invoice, a manual entry) or it is no longer stored."""
    found, body = await reading.recognised_file(deps_of(request), dossier_id, proposal_id,
                                                lambda p: p.searchable_pdf_key, "searchable PDF")
    return Response(body, media_type="application/pdf", headers={
        "cache-control": "private, max-age=3600",
        "content-disposition": f'attachment; filename="searchable-{found.document_id}.pdf"'})
