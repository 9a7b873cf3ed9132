"""The fake worklist's routes of what recognition stored for a proposal's document: the words (WL-5 overlay),
validated with their contract as the real worklist does, and the searchable PDF of a scan (REC-1)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contracts.envelope import ContractError
from contracts.events.words import read_words
from fastapi import FastAPI, Request
from fastapi.responses import Response

from portal_testkit.worklist_fake_state import FakeWorklist, _error


def add_recognised_files(app: FastAPI, fake: FakeWorklist, who: Callable[..., Any],
                         proposal_of: Callable[[str, str], dict[str, Any] | None]) -> None:
    """GET .../words and GET .../searchable-pdf, with the worklist.view permission, 404 when there is none."""
    def found(request: Request, dossier_id: str, proposal_id: str, key: str, held: dict) -> Any:
        _, refused = who(request, dossier_id, "worklist.view")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        return p[key] if p is not None and p.get(key) in held else _error(404, "not_found", f"no {key} here")

    @app.get("/dossiers/{dossier_id}/proposals/{proposal_id}/words")
    async def words(dossier_id: str, proposal_id: str, request: Request) -> Response:
        key = found(request, dossier_id, proposal_id, "words_key", fake.words)
        if isinstance(key, Response):
            return key
        try:  # the real worklist validates them (contracts.events.words) and answers 404 naming the problem
            return Response(read_words(fake.words[key]).model_dump_json(), media_type="application/json")
        except ContractError as exc:
            return _error(404, "not_found", f"the recognised words are unusable: {exc}")

    @app.get("/dossiers/{dossier_id}/proposals/{proposal_id}/searchable-pdf")
    async def searchable_pdf(dossier_id: str, proposal_id: str, request: Request) -> Response:
        key = found(request, dossier_id, proposal_id, "searchable_pdf_key", fake.files)
        return key if isinstance(key, Response) else Response(fake.files[key], media_type="application/pdf")
