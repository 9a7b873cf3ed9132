"""The permanent dossier (WL-12, REP-7): misc documents the office filed, by type."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.entrypoints.http.common import deps_of
from worklist.handlers import reading

router = APIRouter(tags=["permanent dossier"])


@router.get("/dossiers/{dossier_id}/permanent-dossier")
async def permanent_dossier(request: Request, dossier_id: UUID, type: str | None = Query(None, max_length=100),
                            _: Principal = Depends(require("archive.view"))) -> dict[str, Any]:
    """Filed documents (optionally of one type), newest first, with the number filed per type."""
    found = await reading.permanent_dossier(deps_of(request), dossier_id, type or None)
    return jsonable_encoder({
        "types": [{"code": code, "count": n} for code, n in found.counts.items()],
        "items": [{"id": f.proposal_id, "document_id": f.document_id, "type": f.misc_type,
                   "filename": f.filename, "content_type": f.content_type, "note": f.note,
                   "content_path": f"/dossiers/{dossier_id}/documents/{f.document_id}/content",
                   "filed_at": f.filed_at, "filed_by": f.filed_by} for f in found.items],
    })
