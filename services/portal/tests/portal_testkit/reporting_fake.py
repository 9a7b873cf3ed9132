"""A fake reporting service (services/reporting/README.md) in memory, over the fake office's tokens and policy.

It keeps what the portal relies on: the matrix per route (403), the dashboard's shape (totals, 12 months with
``provisional``, balances without cash and 58 for a caller without ``financial.view``), the history filters
(side, status, counterparty) with 422 naming a bad one, the done tick (404 for an unknown invoice), the archive
search, the Excel exports as bytes, and the REP-2 reports and their drill-down as seeded. ``calls`` records every state-changing request (path, JSON body).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from runtime.auth import DossierRef, Forbidden, authorize

from portal_testkit.fake_caller import caller, error
from portal_testkit.office_state import FakeOffice

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZERO_MONTH = {"turnover": "0", "purchases": "0", "other_costs": "0", "gross_margin": "0", "result": "0",
              "vat_balance": "0", "documents": 0}


def month_row(year: int, month: int, provisional: bool = False, **figures: str) -> dict[str, Any]:
    return {"month": f"{year}-{month:02d}", "provisional": provisional, **ZERO_MONTH, **figures}


@dataclass
class FakeReporting:
    """Dashboards, invoices and archive documents per dossier; tests seed them and read ``calls``."""

    office: FakeOffice
    dashboards: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    documents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    reports: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (dossier, report) -> its answer
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # dossier -> drill-down rows
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def invoice(self, dossier_id: str, reference: str, *, side: str = "customers", paid: bool = False,
                **values: Any) -> dict[str, Any]:
        row = {"reference": reference, "kind": "receivable" if side == "customers" else "payable",
               "invoice_number": reference, "document_number": None, "counterparty": "C1",
               "counterparty_name": "Client One", "issue_date": "2026-03-01", "due_date": "2026-03-31",
               "amount": "121.00", "amount_open": "0.00" if paid else "121.00", "paid": paid,
               "overdue_days": 0, "done": False, "payment_in_progress": False, "document_id": None, **values}
        self.invoices.setdefault(dossier_id, []).append(row)
        return row

    def document(self, dossier_id: str, document_id: str, **values: Any) -> dict[str, Any]:
        row = {"document_id": document_id, "document_type": "invoice", "mailbox": "purchases",
               "filename": "invoice.pdf", "content_type": "application/pdf", "source": "upload", "size_bytes": 1000,
               "received_at": "2026-03-02T10:00:00+00:00", "status": "booked", "entry_reference": "E1",
               "invoice_number": "INV-1", "booking_date": "2026-03-01", "total": "121.00", "journal_code": "ACH",
               "journal_type": "purchases", "payment_state": None, "counterparty_reference": "S1", "counterparty_name": "Proximus", "period_code": "2026-03",
               "document_kind": "invoice", "lines": [{"account": "604000", "debit": "100.00", "credit": "0"}],
               "e_invoice_check": None, **values}
        self.documents.setdefault(dossier_id, []).append(row)
        return row

    def may_see_financials(self, request: Request, dossier_id: str) -> bool:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        user = self.office.users[self.office.access_tokens[token]]
        ref = DossierRef.from_settings(self.office.office["id"], dossier_id, self.office.effective(dossier_id))
        try:
            authorize(self.office.principal(user), "financial.view", ref)
        except Forbidden:
            return False
        return True


def _side_rows(fake: FakeReporting, dossier_id: str, query: dict[str, str]) -> list[dict[str, Any]] | JSONResponse:
    side, status = query.get("side", "customers"), query.get("status", "all")
    bad = {k: "unknown value" for k, v, ok in (("side", side, ("customers", "suppliers")),
                                                ("status", status, ("open", "paid", "all"))) if v not in ok}
    if bad:
        return error(422, "invalid_filter", "invalid filter", bad)
    kind, text = "receivable" if side == "customers" else "payable", query.get("counterparty", "").casefold()
    return [i for i in fake.invoices.get(dossier_id, []) if i["kind"] == kind
            and (status == "all" or i["paid"] == (status == "paid"))
            and (not text or text in str(i["counterparty_name"]).casefold() or text == i["counterparty"].casefold())]


def _matches(row: dict[str, Any], q: str) -> bool:
    """reporting's q: part of file name, invoice number or counterparty name; journal, reference or total as is."""
    text = q.casefold()
    return (any(text in str(row.get(k) or "").casefold() for k in ("filename", "invoice_number", "counterparty_name"))
            or text in (str(row.get("journal_code")).casefold(), str(row.get("counterparty_reference")).casefold())
            or q.replace(",", ".") == str(row.get("total")) or f"{q}.00" == str(row.get("total")))


def _archive_routes(app: FastAPI, fake: FakeReporting) -> None:
    @app.get("/dossiers/{dossier_id}/archive")
    async def archive(dossier_id: str, request: Request, q: str = "", page: int = 1, page_size: int = 50) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "archive.view")
        if refused:
            return refused
        if request.query_params.get("type") not in (None, "invoice", "credit_note", "receipt", "other"):
            return error(422, "invalid_filter", "invalid filter", {"type": "unknown document type"})
        rows = [d for d in fake.documents.get(dossier_id, []) if not q or _matches(d, q)]
        start = (page - 1) * page_size
        return JSONResponse({"total": len(rows), "page": page, "page_size": page_size,
                             "documents": rows[start:start + page_size]})

    @app.get("/dossiers/{dossier_id}/archive/{document_id}")
    async def one(dossier_id: str, document_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "archive.view")
        if refused:
            return refused
        found = next((d for d in fake.documents.get(dossier_id, []) if d["document_id"] == document_id), None)
        return JSONResponse({**found, "preview": True}) if found else error(404, "not_found", "no such document")


def build_fake_reporting(fake: FakeReporting) -> FastAPI:
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/dashboard")
    async def dashboard(dossier_id: str, request: Request, year: int = 2026) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "dashboard.view")
        if refused:
            return refused
        board = dict(fake.dashboards.get(dossier_id) or {
            "closed_periods_only": False, "accounting_updated_up_to": None, "totals": dict(ZERO_MONTH),
            "months": [month_row(year, m) for m in range(1, 13)],
            "balances": {"receivables": "0", "payables": "0", "internal_transfers": "0", "cash": "0"}})
        board["year"], board["balances"] = year, dict(board["balances"])
        if not fake.may_see_financials(request, dossier_id):
            board["balances"].pop("internal_transfers", None)
            board["balances"].pop("cash", None)
        return JSONResponse(board)

    @app.get("/dossiers/{dossier_id}/history")
    async def history(dossier_id: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "history.view")
        rows = refused or _side_rows(fake, dossier_id, dict(request.query_params))
        if isinstance(rows, Response):
            return rows
        figures = {"invoiced": str(sum((Decimal(i["amount"]) for i in rows), Decimal(0))),  # money never float
                   "open": str(sum((Decimal(i["amount_open"]) for i in rows), Decimal(0))), "overdue": "0",
                   "overdue_count": 0}
        return JSONResponse({"side": request.query_params.get("side", "customers"),
                             "status": request.query_params.get("status", "all"), "key_figures": figures,
                             "total": len(rows), "page": 1, "page_size": 200, "invoices": rows})

    async def export(dossier_id: str, request: Request) -> Response:
        listing = request.url.path.split("/")[-2]  # history or archive: the real routes are two, not a template
        _, refused = caller(fake.office, request, dossier_id, f"{listing}.view")
        if refused:
            return refused
        body = f"xlsx {listing} {sorted(request.query_params.items())}".encode()
        return Response(body, media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{listing}.xlsx"'})

    for listing in ("history", "archive"):
        app.get(f"/dossiers/{{dossier_id}}/{listing}/export.xlsx")(export)
    _archive_routes(app, fake)  # after the exports: /archive/export.xlsx is not a document
    _report_routes(app, fake)

    @app.post("/dossiers/{dossier_id}/history/{reference}/done")
    async def tick(dossier_id: str, reference: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "history.mark_done")
        if refused:
            return refused
        body = await request.json()
        found = next((i for i in fake.invoices.get(dossier_id, []) if i["reference"] == reference), None)
        if found is None:
            return error(404, "not_found", "no such invoice")
        fake.calls.append((request.url.path, body))
        found["done"] = bool(body["done"])
        return JSONResponse({"reference": reference, "done": found["done"]})

    return app


def _report_routes(app: FastAPI, fake: FakeReporting) -> None:
    """REP-2: a seeded report's answer as is (a year that is no number is a 422 naming it), and the drill-down rows
    whose accounts start with one of ``account``'s prefixes and whose period is ``period`` when given."""
    @app.get("/dossiers/{dossier_id}/reports/entries")
    async def entries(dossier_id: str, request: Request, account: str = "", period: str = "") -> Response:
        _, refused = caller(fake.office, request, dossier_id, "report.view")
        if refused:
            return refused
        prefixes = tuple(account.split(",")) if account else ("",)
        if account and not all(p.isdigit() for p in prefixes):
            return error(422, "invalid_filter", "invalid filter", {"account": "digits of account numbers"})
        rows = [e for e in fake.entries.get(dossier_id, []) if any(a.startswith(prefixes) for a in e["accounts"])
                and (not period or e["period_code"] == period)]
        q = request.query_params
        return JSONResponse({"account": account, "counterparty": q.get("counterparty", ""), "period": period,
                             "from": q.get("from"), "to": q.get("to"), "entries": rows,
                             "total": str(sum((Decimal(e["amount"]) for e in rows), Decimal(0))),
                             "truncated": False, "closed_periods_only": False})

    @app.get("/dossiers/{dossier_id}/reports/{name}")
    async def report(dossier_id: str, name: str, request: Request) -> Response:
        _, refused = caller(fake.office, request, dossier_id, "report.view")
        if refused:
            return refused
        year = request.query_params.get("year", "2026")
        if not year.isdigit():
            return error(422, "invalid_filter", "invalid filter", {"year": "not a year"})
        found = fake.reports.get((dossier_id, name))
        return JSONResponse({"report": name, "year": int(year), "as_of": request.query_params.get("as_of", "2026-05-01"),
                             "closed_periods_only": False, "provisional_months": [], **(found or {})})
