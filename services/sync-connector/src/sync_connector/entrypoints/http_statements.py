"""HTTP API of bank statement imports (issue 17 item 4; REP-5): the files of a dossier with their state, and
one file's lines with what matching made of each (matched invoices, or suggestions for the office)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from runtime.auth.fastapi import require
from runtime.http import error_response

from sync_connector.adapters import statements_repo
from sync_connector.entrypoints.http import deps_of

router = APIRouter(tags=["bank statements"])
FIELDS = ("statement_file_id", "filename", "format", "source", "state", "duplicate_of", "error_code", "error_reason",
          "statement_reference", "account", "statement_date", "opening_balance", "closing_balance", "received_at",
          "imported_at")


def _view(row: dict[str, Any]) -> dict[str, Any]:
    view = {k: row[k] for k in FIELDS}
    view.update(lines=row.get("lines", 0), matched=row.get("matched", 0))
    return view


@router.get("/dossiers/{dossier_id}/bank-statements",
            summary="Bank statement files of a dossier, newest first: imported, refused (with the reason) or duplicate")
async def list_statements(request: Request, dossier_id: UUID, _=Depends(require("financial.view"))) -> Any:
    rows = await statements_repo.list_imports(deps_of(request).pool, dossier_id)
    return jsonable_encoder({"statements": [_view(r) for r in rows]})


@router.get("/dossiers/{dossier_id}/bank-statements/{statement_file_id}",
            summary="One statement file and its lines with their match state, matched invoices and suggestions")
async def get_statement(request: Request, dossier_id: UUID, statement_file_id: UUID,
                        _=Depends(require("financial.view"))) -> Any:
    pool = deps_of(request).pool
    row = await statements_repo.get(pool, statement_file_id)
    if row is None or row["dossier_id"] != dossier_id:
        return error_response(404, "not_found", f"no bank statement {statement_file_id} in this dossier")
    lines = await statements_repo.lines(pool, statement_file_id)
    return jsonable_encoder({**_view(row), "lines": [{k: v for k, v in line.items() if k != "statement_file_id"}
                                                      for line in lines]})


ROUTERS = (router,)
