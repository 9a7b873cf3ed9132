"""The permanent dossier (WL-12, REP-7): misc documents the office filed, by type."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from worklist.adapters import proposals
from worklist.entrypoints.http.common import deps_of

router = APIRouter(tags=["permanent dossier"])


@router.get("/dossiers/{dossier_id}/permanent-dossier")
async def permanent_dossier(request: Request, dossier_id: UUID, type: str | None = Query(None, max_length=100),
                            _: Principal = Depends(require("archive.view"))) -> dict[str, Any]:
    """Filed documents (optionally of one type), newest first, with the number filed per type."""
    rows, counts = await proposals.permanent_dossier(deps_of(request).pool, dossier_id, type or None)
    return jsonable_encoder({
        "types": [{"code": code, "count": n} for code, n in counts.items()],
        "items": [{"id": r["proposal_id"], "document_id": r["document_id"], "type": r["misc_type"],
                   "filename": r["filename"], "content_type": r["content_type"], "note": r["note"],
                   "content_path": f"/dossiers/{dossier_id}/documents/{r['document_id']}/content",
                   "filed_at": r["filed_at"], "filed_by": r["filed_by"]} for r in rows],
    })
