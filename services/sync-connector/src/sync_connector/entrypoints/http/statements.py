"""HTTP API of bank statement imports (issue 17 item 4; REP-5): the files of a dossier with their state, one file's
lines with what matching made of each (matched invoices, or suggestions for the office), and the office matching by
hand a line the rules left (``bank.match``: the open invoices it could pay, and the match, reconciled in the
accounting software). Amounts are decimal strings (statement_schemas)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field
from runtime.auth.fastapi import require

from sync_connector.adapters import statements_repo
from sync_connector.domain.errors import NotFound
from sync_connector.entrypoints.http.common import deps_of
from sync_connector.entrypoints.http.statement_schemas import (
    CandidatesOut, LineOut, StatementOut, StatementsOut, wire,
)
from sync_connector.handlers import manual_matching

router = APIRouter(tags=["bank statements"])
FIELDS = ("statement_file_id", "filename", "format", "source", "state", "duplicate_of", "error_code", "error_reason",
          "statement_reference", "account", "statement_date", "opening_balance", "closing_balance", "received_at",
          "imported_at")


def _view(row: dict[str, Any]) -> dict[str, Any]:
    view = {k: row[k] for k in FIELDS}
    view.update(lines=row.get("lines", 0), matched=row.get("matched", 0))
    return view


@router.get("/dossiers/{dossier_id}/bank-statements",
            summary="Bank statement files of a dossier, newest first: imported, refused (with the reason) or duplicate",
            response_model=StatementsOut)
async def list_statements(request: Request, dossier_id: UUID, _=Depends(require("financial.view"))) -> Any:
    rows = await statements_repo.list_imports(deps_of(request).pool, dossier_id)
    return wire({"statements": [_view(r) for r in rows]})


@router.get("/dossiers/{dossier_id}/bank-statements/{statement_file_id}",
            summary="One statement file and its lines with their match state, matched invoices and suggestions",
            response_model=StatementOut)
async def get_statement(request: Request, dossier_id: UUID, statement_file_id: UUID,
                        _=Depends(require("financial.view"))) -> Any:
    pool = deps_of(request).pool
    row = await statements_repo.get(pool, statement_file_id)
    if row is None or row["dossier_id"] != dossier_id:
        raise NotFound(f"no bank statement {statement_file_id} in this dossier")
    lines = await statements_repo.lines(pool, statement_file_id)
    return wire({**_view(row), "lines": [{k: v for k, v in line.items() if k != "statement_file_id"}
                                                      for line in lines]})


class MatchRequest(BaseModel):
    """The open invoices (their ids in the accounting software) a bank line pays, as the office picked them."""

    references: list[str] = Field(default_factory=list, max_length=100)


@router.get("/dossiers/{dossier_id}/bank-statements/{statement_file_id}/lines/{sequence}/candidates",
            summary="A line the rules left and the open invoices it could pay, the rules' suggestions first",
            response_model=CandidatesOut)
async def line_candidates(request: Request, dossier_id: UUID, statement_file_id: UUID,
                          sequence: str = Path(max_length=40), _=Depends(require("bank.match"))) -> Any:
    return wire(await manual_matching.candidates(deps_of(request), dossier_id, statement_file_id,
                                                             sequence))


@router.post("/dossiers/{dossier_id}/bank-statements/{statement_file_id}/lines/{sequence}/match",
             summary="Match a line by hand to open invoices, reconciled in the accounting software (idempotent)",
             response_model=LineOut)
async def match_line(request: Request, dossier_id: UUID, statement_file_id: UUID, body: MatchRequest,
                     sequence: str = Path(max_length=40), _=Depends(require("bank.match"))) -> Any:
    return wire(await manual_matching.match(deps_of(request), dossier_id, statement_file_id, sequence,
                                                        body.references))
