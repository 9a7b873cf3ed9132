"""A service's monitor counters (ACT-1: ``GET /monitor/counters?dossier_id=…``, as ingest and notify answer it) in
memory, over the fake office's tokens and the shared matrix: the asked dossiers the caller may ``action`` on, with
the figures tests give per dossier (0 for the others)."""
from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller
from portal_testkit.harness import attach_service
from portal_testkit.office_state import FakeOffice


def build_fake_counters(office: FakeOffice, action: str, figures: dict[str, dict[str, int]],
                        keys: tuple[str, ...]) -> FastAPI:
    app = FastAPI()

    @app.get("/monitor/counters")
    async def counters(request: Request) -> Response:
        items: list[dict[str, Any]] = []
        for dossier_id in request.query_params.getlist("dossier_id"):
            _, refused = caller(office, request, dossier_id, action)
            if refused is None:
                items.append({"dossier_id": dossier_id, **{k: figures.get(dossier_id, {}).get(k, 0) for k in keys}})
        return JSONResponse({"items": items})

    return app


def attach_counters(client: httpx.AsyncClient, service: str, app: FastAPI) -> None:
    """Point a portal test client's calls to ``service`` (ingest, notify...) at ``app`` (in process)."""
    attach_service(client, service, app)
