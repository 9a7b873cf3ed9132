"""A fake of the sync-connector's bank statement API (GET /dossiers/{d}/bank-statements[/{file}], a line's
candidates and its manual match) over the fake office's tokens and the shared matrix (``financial.view``,
``bank.match``); tests seed ``statements`` and ``open_items`` per dossier. The match follows the service's rules:
the invoices ticked make the line's amount (or one it pays in part), the same match again answers the same."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller, error
from portal_testkit.harness import attach_service
from portal_testkit.office_state import FakeOffice


@dataclass
class FakeBank:
    office: FakeOffice
    statements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    open_items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # {reference, kind, invoice_number,
    # party, amount_open, due_date}
    matches: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (file, sequence, references) done

    def line(self, dossier_id: str, file_id: str, sequence: str) -> tuple[dict | None, dict | None]:
        """(statement, line) or Nones."""
        for statement in self.statements.get(dossier_id, []):
            if statement["statement_file_id"] == file_id:
                return statement, next((l for l in statement.get("lines_detail", []) if l["sequence"] == sequence),
                                       None)
        return None, None

    def candidates(self, dossier_id: str, line: dict) -> list[dict[str, Any]]:
        kind = "payable" if Decimal(line["amount"]) < 0 else "receivable"
        suggested = {s["reference"] for s in line.get("suggestions", [])}
        items = [{**i, "suggested": i["reference"] in suggested} for i in self.open_items.get(dossier_id, [])
                 if i["kind"] == kind and Decimal(i["amount_open"]) > 0]
        return sorted(items, key=lambda i: not i["suggested"])


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

    @app.get("/dossiers/{dossier_id}/bank-statements/{file_id}/lines/{sequence}/candidates")
    async def candidates(dossier_id: str, file_id: str, sequence: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "bank.match")
        if refused:
            return refused
        _, line = fake.line(dossier_id, file_id, sequence)
        if line is None:
            return error(404, "not_found", f"no line {sequence} in bank statement {file_id}")
        return JSONResponse({"line": line, "candidates": [] if line["state"] == "matched"
                             else fake.candidates(dossier_id, line)})

    @app.post("/dossiers/{dossier_id}/bank-statements/{file_id}/lines/{sequence}/match")
    async def match(dossier_id: str, file_id: str, sequence: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "bank.match")
        if refused:
            return refused
        statement, line = fake.line(dossier_id, file_id, sequence)
        if line is None:
            return error(404, "not_found", f"no line {sequence} in bank statement {file_id}")
        references = list(dict.fromkeys((await request.json()).get("references") or []))
        if statement["state"] != "imported":
            return error(409, "statement_not_imported", "the statement was not imported")
        if not references:
            return error(422, "nothing_picked", "name at least one open invoice")
        if line["state"] == "matched":
            if line.get("rule") == "manual" and sorted(m["reference"] for m in line["matched"]) == sorted(references):
                return JSONResponse(line)
            return error(409, "line_already_matched", f"line {sequence} is matched")
        open_now = {i["reference"]: i for i in fake.candidates(dossier_id, line)}
        if any(r not in open_now for r in references):
            return error(422, "invoice_not_open", "an invoice named is not open for this line")
        amount, total = abs(Decimal(line["amount"])), sum(Decimal(open_now[r]["amount_open"]) for r in references)
        if not (amount == total or (len(references) == 1 and amount < total)):
            return error(422, "amounts_do_not_fit", f"the invoices are open for {total}, the line is {amount}",
                         params={"amount": str(amount), "open_total": str(total)})
        paid = []
        for r in references:
            item = open_now[r]
            part = min(amount, Decimal(item["amount_open"]))
            paid.append({"kind": item["kind"], "reference": r, "invoice_number": item["invoice_number"],
                         "external_id": None, "amount": str(part), "paid_in_full": part == Decimal(item["amount_open"])})
            for stored in fake.open_items[dossier_id]:
                if stored["reference"] == r:
                    stored["amount_open"] = str(Decimal(stored["amount_open"]) - part)
        line.update(state="matched", rule="manual", matched=paid, suggestions=[])
        statement["matched"] = statement.get("matched", 0) + 1
        fake.matches.append((file_id, sequence, references))
        return JSONResponse(line)

    return app


def attach_bank(client: httpx.AsyncClient, app: FastAPI) -> None:
    """Point a portal test client's sync-connector calls at ``app`` (in process)."""
    attach_service(client, "sync-connector", app)
