"""A fake sync-connector (services/sync-connector/API.md: GET/POST /dossiers/{d}/sync) in memory, over the fake
office's tokens and policy.

It keeps the rules the portal relies on: ``sync.view`` to read (also per dossier in ``/monitor/sync``), ``sync.run`` to ask, ``sync.full`` as well for a
full resync (403), 409 ``not_linked`` without a link, 422 naming the field for a period the software does not know
or a full resync with manual-only fields. ``requests`` records every accepted request body.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller, error
from portal_testkit.harness import attach_service
from portal_testkit.office_state import FakeOffice

MANUAL_ONLY = ("updated_up_to", "new_active_period", "reset_sent_counter")


def status_of(dossier_id: str, **values: Any) -> dict[str, Any]:
    """A linked, activated dossier whose syncs are fine, with two periods and no runs; ``values`` override."""
    return {"dossier_id": dossier_id, "software": "tryton", "installation": "local", "dossier_code": "bakery",
            "activated": True, "activated_at": "2026-01-05T08:00:00+00:00", "sync_status": "ok", "instruction": None,
            "instruction_code": None, "instruction_params": {}, "status_since": "2026-03-01T02:00:00+00:00",
            "support_alerted_at": None, "updated_up_to": "2026-01-31", "active_period": "2026-02",
            "nightly_sync": True, "periods": ["2026-01", "2026-02", "2026-03", "2026-04"], "runs": [], **values}


def run_of(reason: str, outcome: str = "succeeded", **values: Any) -> dict[str, Any]:
    return {"run_id": str(uuid.uuid4()), "reason": reason, "request_id": None,
            "started_at": "2026-03-02T10:00:00+00:00", "finished_at": "2026-03-02T10:00:05+00:00", "outcome": outcome,
            "error_reason": None, "instruction": None, "instruction_code": None, "instruction_params": {}, "changes": [], "sync_status": "ok",
            "updated_up_to": "2026-01-31", "active_period": "2026-02", **values}


@dataclass
class FakeSync:
    """Each dossier's status (tests seed it with ``status_of``) and the requests the portal made."""

    office: FakeOffice
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)  # SYN-8: {pending: [...], journals: [...]}

    def state(self, dossier_id: str) -> dict[str, Any]:
        return self.states.setdefault(dossier_id, status_of(dossier_id))


def build_fake_sync(fake: FakeSync) -> FastAPI:
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/sync")
    async def status(dossier_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "sync.view")
        return refused or JSONResponse(fake.state(dossier_id))

    @app.post("/dossiers/{dossier_id}/sync")
    async def ask(dossier_id: str, request: Request) -> Response:
        body = await request.json()
        _, refused = caller(fake.office, request, dossier_id, "sync.run")
        if not refused and body.get("reason") == "full":
            _, refused = caller(fake.office, request, dossier_id, "sync.full")
        if refused:
            return refused
        state = fake.state(dossier_id)
        if not state["software"]:
            return error(409, "not_linked", "the dossier has no accounting software link: activate it first")
        problems = {}
        if body.get("reason") == "full" and any(body.get(k) for k in MANUAL_ONLY):
            problems["reason"] = "a full resync takes no updated_up_to, new_active_period or counter reset"
        if body.get("new_active_period") and body["new_active_period"] not in state["periods"]:
            problems["new_active_period"] = f"no period {body['new_active_period']!r} in the accounting software"
        if problems:
            return error(422, "validation_error", "; ".join(problems.values()), problems)
        fake.requests.append((dossier_id, body))
        return JSONResponse({"request_id": str(uuid.uuid4()), "reason": body.get("reason", "manual")},
                            status_code=202)

    @app.get("/dossiers/{dossier_id}/account-changes")
    async def account_changes(dossier_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "sync.changes.review")
        return refused or JSONResponse(fake.reviews.setdefault(dossier_id, {"pending": [], "journals": []}))

    @app.post("/dossiers/{dossier_id}/account-changes/accept")
    async def accept(dossier_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "sync.changes.review")
        if refused:
            return refused
        wanted = (await request.json()).get("change_ids") or []
        review = fake.reviews.setdefault(dossier_id, {"pending": [], "journals": []})
        waiting = {c["change_id"] for c in review["pending"]}
        if not wanted:
            return error(422, "nothing_picked", "pick at least one account change to accept")
        unknown = [i for i in wanted if i not in waiting]
        if unknown:
            message = f"not waiting for review in this dossier: {', '.join(unknown)}"
            return error(422, "validation_error", message, {"change_ids": message})
        review["pending"] = [c for c in review["pending"] if c["change_id"] not in wanted]
        return JSONResponse({"accepted": wanted, "pending": len(review["pending"])})

    @app.get("/monitor/sync")
    async def monitor(request: Request) -> Response:
        wanted = request.query_params.getlist("dossier_id")
        items = []
        for dossier_id in wanted:
            _, refused = caller(fake.office, request, dossier_id, "sync.view")
            if refused is None:
                state = fake.state(dossier_id)
                items.append({"dossier_id": dossier_id, "linked": state["software"] is not None,
                              **{k: state.get(k) for k in ("sync_status", "instruction", "instruction_code", "instruction_params",
                                                 "status_since", "support_alerted_at")},
                              "last_run_at": None, "last_run_outcome": None})
        return JSONResponse({"items": items})

    return app


def attach(client: httpx.AsyncClient, app: FastAPI) -> None:
    """Point a portal test client's sync-connector calls at ``app`` (in process)."""
    attach_service(client, "sync-connector", app)


def change_of(code: str, change: str = "updated", name: str | None = "Aankopen handelsgoederen") -> dict[str, Any]:
    """SYN-8: an account change waiting for review, as the connector lists it."""
    return {"change_id": str(uuid.uuid4()), "code": code, "change": change, "name": name, "account_kind": "expense",
            "found_at": "2026-03-02T10:00:05+00:00", "run_id": str(uuid.uuid4())}
