"""A fake of the sync-connector's bank statement API (GET /dossiers/{d}/bank-statements[/{file}]) over the fake
office's tokens and the shared matrix (``financial.view``); tests seed ``statements`` per dossier."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller, error
from portal_testkit.office_state import FakeOffice


@dataclass
class FakeBank:
    office: FakeOffice
    statements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def build_fake_bank(fake: FakeBank) -> FastAPI:
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/bank-statements")
    async def listing(dossier_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "financial.view")
        return refused or JSONResponse({"statements": [{k: v for k, v in s.items() if k != "lines_detail"}
                                                       for s in fake.statements.get(dossier_id, [])]})

    @app.get("/dossiers/{dossier_id}/bank-statements/{file_id}")
    async def one(dossier_id: str, file_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "financial.view")
        if refused:
            return refused
        found = [s for s in fake.statements.get(dossier_id, []) if s["statement_file_id"] == file_id]
        if not found:
            return error(404, "not_found", f"no bank statement {file_id} in this dossier")
        statement = dict(found[0])
        return JSONResponse({**statement, "lines": statement.pop("lines_detail", [])})

    return app


def attach_bank(client: httpx.AsyncClient, app: FastAPI) -> None:
    """Point a portal test client's sync-connector calls at ``app`` (in process)."""
    client.app.state.sync_connector_http = httpx.AsyncClient(  # type: ignore[attr-defined]
        transport=httpx.ASGITransport(app=app), base_url="http://sync.test")
