"""A fake worklist service (services/worklist/API.md) in memory, over the fake office's tokens and policy.

It keeps to the contract the portal relies on — lists with filters and 3-state sorting, the proposal,
PATCH with version / review / next_id, undo, neighbours, choices, counterparties, bulk actions with
per-proposal refusals, help, ask the client, misc filing, delete, monitor counters — and
``worklist_contract`` runs the same assertions against it and the real worklist, so it cannot drift.
State and rules are in ``worklist_fake_state``.
"""
from __future__ import annotations

import copy
import uuid
from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from runtime.auth import DossierRef, Forbidden, authorize

from portal_testkit.worklist_fake_files import add_recognised_files
from portal_testkit.worklist_fake_state import (EDITABLE, _auto_status, SORTS, FakeWorklist, _apply, _bulk_one,
                                                _error, _full, _missing, _neighbours, _reviewed, _row,
                                                _vat_without_code, listing)

__all__ = ["FakeWorklist", "build_fake_worklist"]


def build_fake_worklist(fake: FakeWorklist) -> FastAPI:
    """The fake worklist as an ASGI app (tests reach it through httpx.ASGITransport)."""
    app = FastAPI()
    office = fake.office

    def who(request: Request, dossier_id: str | None, action: str):
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        user_id = office.access_tokens.get(token)
        if user_id is None:
            return None, _error(401, "unauthenticated", "no valid token")
        principal = office.principal(office.users[user_id])
        ref = None
        if dossier_id is not None:
            if dossier_id not in office.dossiers:
                return None, _error(403, "forbidden", "not your dossier")
            ref = DossierRef.from_settings(office.office["id"], dossier_id, office.effective(dossier_id))
        try:
            authorize(principal, action, ref)
        except Forbidden as exc:
            return None, _error(403, "forbidden", str(exc))
        return office.users[user_id], None

    def proposal_of(dossier_id: str, proposal_id: str) -> dict[str, Any] | None:
        p = fake.proposals.get(proposal_id)
        return p if p is not None and p["dossier_id"] == dossier_id else None

    @app.get("/dossiers/{dossier_id}/worklists/{kind}")
    async def rows(dossier_id: str, kind: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "worklist.view")
        if refused:
            return refused
        query = dict(request.query_params)
        if query.get("sort") and query["sort"] not in SORTS:
            return _error(422, "invalid", "sort: not a sortable column", [{"field": "sort", "code": "choice",
                                                                          "message": "not sortable"}])
        items = listing(fake, dossier_id, kind, query)
        page, per_page = int(query.get("page") or 1), int(query.get("per_page") or 50)
        counts: dict[str, int] = {}
        for p in items:
            counts[p["status"]] = counts.get(p["status"], 0) + 1
        return JSONResponse({"items": [_row(p) for p in items[(page - 1) * per_page: page * per_page]],
                             "total": len(items), "page": page, "per_page": per_page, "counts": counts})

    @app.get("/dossiers/{dossier_id}/proposals/{proposal_id}")
    async def one(dossier_id: str, proposal_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "worklist.view")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        return JSONResponse(_full(p, fake)) if p else _error(404, "not_found", "no such proposal")

    add_recognised_files(app, fake, who, proposal_of)

    @app.get("/dossiers/{dossier_id}/proposals/{proposal_id}/neighbours")
    async def neighbours(dossier_id: str, proposal_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "worklist.view")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        return JSONResponse(_neighbours(fake, p, dict(request.query_params))) if p else _error(404, "not_found", "no")

    @app.patch("/dossiers/{dossier_id}/proposals/{proposal_id}")
    async def patch(dossier_id: str, proposal_id: str, request: Request) -> Response:
        body = await request.json()
        user, refused = who(request, dossier_id, "worklist.validate" if body.get("review") else "worklist.edit")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        if p is None:
            return _error(404, "not_found", "no such proposal")
        if p["status"] not in EDITABLE:
            return _error(409, "wrong_status", f"a {p['status']} proposal cannot be changed")
        if "version" in body and body["version"] != p["version"]:
            return _error(409, "stale_version", "someone saved in between: reload")
        changed, problems = _apply(fake, copy.deepcopy(p), body)
        if problems:
            return _error(422, "invalid", "some values are refused", problems)
        if body.get("review"):
            missing = _missing(changed)
            if missing:
                return _error(422, "incomplete", "mandatory fields are missing",
                              [{"field": m, "code": "missing", "message": "mandatory"} for m in missing])
            uncoded = _vat_without_code(changed)
            if uncoded:  # as the worklist: the software would book such a line without VAT
                return _error(422, "vat_without_code", "a VAT amount needs a VAT code",
                              [{"field": f"lines.{n}.vat_code", "code": "vat_without_code",
                                "message": "this line's VAT amount needs a VAT code"} for n in uncoded])
            changed["status"] = _reviewed(changed)
        fake.history[proposal_id].append(copy.deepcopy(p))
        changed["version"] = p["version"] + 1
        fake.proposals[proposal_id] = changed
        near = _neighbours(fake, changed, dict(request.query_params))
        return JSONResponse({"proposal": _full(changed, fake), "next_id": near["next_id"],
                             "previous_id": near["previous_id"]})

    @app.post("/dossiers/{dossier_id}/proposals/{proposal_id}/undo")
    async def undo(dossier_id: str, proposal_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "worklist.edit")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        if p is None:
            return _error(404, "not_found", "no such proposal")
        if not fake.history[proposal_id]:
            return _error(409, "nothing_to_undo", "nothing to undo")
        before = fake.history[proposal_id].pop()
        before["version"] = p["version"] + 1
        fake.proposals[proposal_id] = before
        return JSONResponse(_full(before, fake))

    @app.get("/dossiers/{dossier_id}/choices")
    async def choices(dossier_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "worklist.view")
        return refused or JSONResponse(fake.choices)

    @app.get("/dossiers/{dossier_id}/counterparties")
    async def counterparties(dossier_id: str, request: Request, q: str = "") -> Response:
        _, refused = who(request, dossier_id, "worklist.view")
        if refused:
            return refused
        needle = q.lower()
        return JSONResponse({"items": [c for c in fake.counterparties
                                       if needle in c["name"].lower() or needle in (c["vat_number"] or "").lower()][:20]})

    @app.post("/dossiers/{dossier_id}/proposals", status_code=201)
    async def create_manual(dossier_id: str, request: Request) -> Response:
        """A manual entry (REC-2, issue 15 item 13): an empty proposal of origin manual, then the body as an edit."""
        _, refused = who(request, dossier_id, "worklist.manual")
        if refused:
            return refused
        body = await request.json()
        if body.get("mailbox") not in ("purchases", "sales"):
            return _error(422, "invalid", "mailbox", [{"field": "mailbox", "code": "bad_mailbox",
                                                      "message": "a manual entry is a purchase or a sale"}])
        blank = {"origin": "manual", "mailbox": body["mailbox"], "journal": None, "period": None,
                 "invoice_date": None, "invoice_number": None, "counterparty": None, "lines": [], "totals": None,
                 "page_count": 0, "confidence": None}
        made, problems = _apply(fake, fake.add(dossier_id, with_document=False, **blank), body)
        if problems:
            del fake.proposals[made["id"]]
            return _error(422, "invalid", "some values are refused", problems)
        if made["lines"] and "totals" not in body:  # as the worklist: the totals are the lines' sum
            net = sum(Decimal(x["net_amount"] or 0) for x in made["lines"])
            vat = sum(Decimal(x["vat_amount"] or 0) for x in made["lines"])
            made["totals"] = {"net": f"{net:.2f}", "vat": f"{vat:.2f}", "gross": f"{net + vat:.2f}"}
        made["status"] = _auto_status(made)
        fake.proposals[made["id"]] = made
        return JSONResponse(_full(made, fake), status_code=201)

    needs = {"check": "worklist.validate", "send": "proposal.send", "change": "worklist.edit",
             "delete": "proposal.delete", "reprocess": "worklist.reprocess"}

    async def bulk(dossier_id: str, request: Request) -> Response:
        action = request.url.path.rsplit("/", 1)[1]
        user, refused = who(request, dossier_id, needs[action])
        if refused:
            return refused
        body = await request.json()
        done, refusals = [], []
        for proposal_id in body.get("proposal_ids") or []:
            p = proposal_of(dossier_id, proposal_id)
            problem = _bulk_one(fake, p, action, body, user, dossier_id) if p else ("not_found", "no such proposal")
            if problem:
                refusals.append({"proposal_id": proposal_id, "code": problem[0], "message": problem[1]})
            else:
                done.append(proposal_id)
        return JSONResponse({"done": done, "refused": refusals})

    for action in needs:  # one route per bulk action, as the real worklist has (not a template)
        app.post(f"/dossiers/{{dossier_id}}/proposals/{action}")(bulk)

    @app.delete("/dossiers/{dossier_id}/proposals/{proposal_id}")
    async def delete(dossier_id: str, proposal_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "proposal.delete")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        if p is None:
            return _error(404, "not_found", "no such proposal")
        if p["status"] not in EDITABLE:
            return _error(409, "wrong_status", f"a {p['status']} proposal cannot be deleted")
        del fake.proposals[proposal_id]
        return Response(status_code=204)

    @app.post("/dossiers/{dossier_id}/proposals/{proposal_id}/file")
    async def file_misc(dossier_id: str, proposal_id: str, request: Request) -> Response:
        return await _file(dossier_id, proposal_id, request, (await request.json()).get("type"))

    @app.post("/dossiers/{dossier_id}/proposals/{proposal_id}/unfile")
    async def unfile_misc(dossier_id: str, proposal_id: str, request: Request) -> Response:
        return await _file(dossier_id, proposal_id, request, None)

    async def _file(dossier_id: str, proposal_id: str, request: Request, kind: str | None) -> Response:
        _, refused = who(request, dossier_id, "worklist.misc_file")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        if p is None:
            return _error(404, "not_found", "no such proposal")
        if p["mailbox"] != "misc" or p["status"] not in ("to_file", "filed"):
            return _error(409, "wrong_status", "only misc documents are filed")
        types = office.effective(dossier_id).get("permanent_dossier_types") or []
        if kind is not None and types and kind not in types:
            return _error(422, "invalid", "type: not a permanent-dossier type",
                          [{"field": "type", "code": "unknown_type", "message": f"{kind} is not a type of the dossier"}])
        p["status"], p["misc_type"] = ("filed", kind) if kind else ("to_file", None)
        p["version"] += 1
        return JSONResponse(_full(p, fake))

    @app.post("/dossiers/{dossier_id}/proposals/{proposal_id}/ask-client")
    async def ask_client(dossier_id: str, proposal_id: str, request: Request) -> Response:
        user, refused = who(request, dossier_id, "conversation.start")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        if p is None:
            return _error(404, "not_found", "no such proposal")
        if p["document_id"] not in fake.documents:
            return _error(409, "document_unknown", "the document's file is not known to the worklist")
        question = (await request.json()).get("question")
        if not isinstance(question, str) or not 1 <= len(question.strip()) <= 2000:
            return _error(422, "invalid", "question: 1 to 2000 characters",
                          [{"field": "question", "code": "length", "message": "1 to 2000 characters"}])
        request_id = str(uuid.uuid4())
        fake.questions.append({"request_id": request_id, "proposal_id": proposal_id, "question": question,
                               "asked_by": user.id})
        return JSONResponse({"request_id": request_id}, status_code=202)

    @app.post("/dossiers/{dossier_id}/proposals/{proposal_id}/help")
    async def help_flag(dossier_id: str, proposal_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "worklist.help")
        if refused:
            return refused
        p = proposal_of(dossier_id, proposal_id)
        if p is None:
            return _error(404, "not_found", "no such proposal")
        body = await request.json()
        p["help_needed"], p["help_note"] = bool(body.get("needed")), body.get("note") if body.get("needed") else None
        return JSONResponse(_full(p, fake))

    @app.get("/monitor/counters")
    async def counters(request: Request) -> Response:
        user, refused = who(request, None, "monitor.view")
        if refused:
            return refused
        reach = office.visible(user)
        wanted = request.query_params.getlist("dossier_id") or reach
        items = []
        for dossier_id in [d for d in wanted if d in reach]:
            mine = [p for p in fake.proposals.values() if p["dossier_id"] == dossier_id]
            count = lambda *s: sum(1 for p in mine if p["status"] in s)  # noqa: E731
            items.append({"dossier_id": dossier_id, "validation_mode": office.effective(dossier_id)["validation_mode"],
                          "help_requests": sum(1 for p in mine if p["help_needed"]),
                          "ready_for_validation": count("complete", "complete_new_counterparty"),
                          "to_send": count("checked", "validated"), "rejected": count("rejected"),
                          "misc_to_do": count("to_file"), "last_proposal_at": None})
        return JSONResponse({"items": items})

    return app
