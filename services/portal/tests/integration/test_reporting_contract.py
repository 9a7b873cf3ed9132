"""The fake reporting (portal_testkit/reporting_fake.py) and the real reporting app answer the portal's
ReportingClient alike: the same suite runs against both, so the fake cannot drift from what the pages read.
The real one runs in process on a throw-away database, seeded through its own event handlers; change the fake
when this fails, never the assertions."""
from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from contracts.events.documents import DocumentReceived
from runtime.auth.tokens import TokenIssuer, generate_signing_key
from runtime.config import Settings
from runtime.testing import temp_pool

from portal.adapters.reporting import ReportingClient, ReportingError
from portal_testkit.office_state import seeded
from portal_testkit.reporting_fake import FakeReporting, build_fake_reporting
from portal_testkit.worklist_pages import bakery_of

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "reporting" / "tests"))
from reporting.bootstrap import MIGRATIONS  # noqa: E402
from reporting.handlers.events import on_document_received, on_dossier_changed, on_ledger_synced  # noqa: E402
from reporting_testkit import OFFICE, app_on, bookings, client, dossier_changed, ledger_synced, open_item  # noqa: E402

pytestmark = pytest.mark.integration
DOC = uuid.UUID("6a1c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f")
# what the templates and routes read of each answer
BOARD_KEYS = {"year", "closed_periods_only", "totals", "months", "balances"}
FIGURE_KEYS = {"turnover", "purchases", "other_costs", "result", "vat_balance"}
INVOICE_KEYS = {"reference", "invoice_number", "document_number", "counterparty", "counterparty_name", "issue_date",
                "due_date", "amount", "amount_open", "paid", "overdue_days", "done", "payment_in_progress",
                "document_id"}
DOCUMENT_KEYS = {"document_id", "filename", "content_type", "received_at", "invoice_number", "booking_date", "total",
                 "journal_code", "counterparty_reference", "counterparty_name"}


@dataclass
class Side:
    api: ReportingClient
    dossier: str
    invoice: str  # an open customer invoice's reference


@asynccontextmanager
async def real_side() -> AsyncIterator[Side]:
    settings = Settings(service="reporting-contract")
    async with temp_pool(settings, MIGRATIONS) as pool:
        dossier = uuid.uuid4()
        async with pool.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, dossier_changed(dossier))
            await on_ledger_synced(conn, ledger_synced(dossier, entries=tuple(bookings()), open_items=(
                open_item("R1", "receivable", "1210", "1210", date(2026, 2, 9)),)))
            await on_document_received(conn, DocumentReceived(
                correlation_id="t", office_id=OFFICE, dossier_id=dossier, document_id=DOC, source="portal",
                mailbox="purchases", filename="factuur.pdf", content_type="application/pdf", size_bytes=10,
                sha256="b" * 64, storage_key="k"))
        issuer = TokenIssuer(generate_signing_key(), "contract-kid", settings.jwt_issuer)
        transport = httpx.ASGITransport(app=app_on(pool, issuer))
        async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
            yield Side(ReportingClient(http, issuer.issue(client(dossier, "full_access"))), str(dossier), "R1")


@asynccontextmanager
async def fake_side() -> AsyncIterator[Side]:
    office = seeded()
    fake, dossier = FakeReporting(office), bakery_of(office)
    fake.invoice(dossier, "R1", amount="1210.00", amount_open="1210.00")
    fake.document(dossier, str(DOC), filename="factuur.pdf", status="received", entry_reference=None,
                  invoice_number=None, booking_date=None, total=None, journal_code=None, counterparty_reference=None,
                  counterparty_name=None)
    fake.reports[(dossier, "profit-and-loss")] = {
        "income": [{"class": "70", "months": ["1000.00"] + ["0.00"] * 11, "total": "1000.00"}], "charges": [],
        "result": {"months": ["1000.00"] + ["0.00"] * 11, "total": "1000.00"}}
    fake.reports[(dossier, "aged-receivables")] = {
        "buckets": ["not_due", "1_30", "31_60", "61_90", "over_90"], "total": "1210.00",
        "totals": {"not_due": "0", "1_30": "0", "31_60": "0", "61_90": "0", "over_90": "1210.00"},
        "counterparties": [{"counterparty": "C1", "not_due": "0", "1_30": "0", "31_60": "0", "61_90": "0",
                            "over_90": "1210.00", "total": "1210.00"}]}
    fake.entries[dossier] = [{"reference": "E1", "booking_date": "2026-01-10", "period_code": "2026-01",
                              "journal_code": "VKP", "counterparty_reference": "C1", "counterparty_name": None,
                              "invoice_number": "INV-E1", "document_id": None, "total": "1210.00", "debit": "0",
                              "credit": "1000.00", "amount": "-1000.00", "accounts": ["700000"]}]
    office.access_tokens["contract-token"] = office.user_by_email("full_access@client.test").id
    transport = httpx.ASGITransport(app=build_fake_reporting(fake))
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
        yield Side(ReportingClient(http, "contract-token"), dossier, "R1")


@pytest.fixture(params=["fake", "real"])
async def side(request) -> AsyncIterator[Side]:
    async with (fake_side() if request.param == "fake" else real_side()) as found:
        yield found


async def test_dashboard_shape(side: Side):
    board = await side.api.dashboard(side.dossier, 2026)
    assert BOARD_KEYS <= board.keys() and board["year"] == 2026
    assert FIGURE_KEYS <= board["totals"].keys() and len(board["months"]) == 12
    assert all({"month", "provisional"} | FIGURE_KEYS <= m.keys() for m in board["months"])
    assert board["months"][0]["month"] == "2026-01"
    assert {"receivables", "payables", "cash"} <= board["balances"].keys()


async def test_history_rows_tick_and_refusals(side: Side):
    found = await side.api.history(side.dossier, {"side": "customers", "status": "open", "page_size": 200})
    assert {"key_figures", "total", "invoices"} <= found.keys() and found["total"] == 1
    assert {"invoiced", "open", "overdue", "overdue_count"} <= found["key_figures"].keys()
    row = found["invoices"][0]
    assert INVOICE_KEYS <= row.keys() and row["reference"] == side.invoice and row["paid"] is False
    await side.api.mark_done(side.dossier, side.invoice, True)
    again = await side.api.history(side.dossier, {"side": "customers"})
    assert again["invoices"][0]["done"] is True
    with pytest.raises(ReportingError) as unknown:
        await side.api.mark_done(side.dossier, "NO-SUCH", True)
    assert unknown.value.status == 404
    with pytest.raises(ReportingError) as bad:
        await side.api.history(side.dossier, {"side": "nobody"})
    assert bad.value.status == 422 and [d.get("field") for d in bad.value.details] == ["side"]


async def test_archive_rows_detail_and_export(side: Side):
    found = await side.api.archive(side.dossier, {"q": "factuur"})
    listing = await side.api.archive(side.dossier, {})
    assert listing["total"] == 1 and DOCUMENT_KEYS <= listing["documents"][0].keys()
    one = await side.api.archive_document(side.dossier, str(DOC))
    assert DOCUMENT_KEYS <= one.keys() and one["document_id"] == str(DOC)
    assert found["total"] == 1 and (await side.api.archive(side.dossier, {"q": "nobody"}))["total"] == 0
    with pytest.raises(ReportingError) as missing:
        await side.api.archive_document(side.dossier, str(uuid.uuid4()))
    assert missing.value.status == 404
    with pytest.raises(ReportingError) as bad:
        await side.api.archive(side.dossier, {"type": "poem"})
    assert bad.value.status == 422 and [d.get("field") for d in bad.value.details] == ["type"]
    export = await side.api.export(side.dossier, "archive", {})
    assert export.headers["content-type"].startswith("application/vnd.openxmlformats")


ENTRY_KEYS = {"reference", "booking_date", "period_code", "journal_code", "counterparty_reference", "counterparty_name",
              "invoice_number", "document_id", "amount", "accounts"}
BUCKETS = {"not_due", "1_30", "31_60", "61_90", "over_90"}


async def test_reports_and_their_entries(side: Side):
    """REP-2: what domain/report_view.py reads of a report and of the drill-down (issue 16 item 3)."""
    pnl = await side.api.report(side.dossier, "profit-and-loss", {"year": 2026})
    assert {"year", "income", "charges", "result", "closed_periods_only", "provisional_months"} <= pnl.keys()
    assert {"class", "months", "total"} <= pnl["income"][0].keys() and len(pnl["income"][0]["months"]) == 12
    aged = await side.api.report(side.dossier, "aged-receivables", {"as_of": "2026-12-31"})
    assert {"as_of", "totals", "total", "counterparties"} <= aged.keys() and BUCKETS <= aged["totals"].keys()
    assert BUCKETS | {"counterparty", "total"} <= aged["counterparties"][0].keys()
    found = await side.api.report_entries(side.dossier, {"account": "70", "from": "2026-01-01", "to": "2026-01-31"})
    assert {"entries", "total", "truncated"} <= found.keys()
    assert [e["reference"] for e in found["entries"]] == ["E1"] and ENTRY_KEYS <= found["entries"][0].keys()
    with pytest.raises(ReportingError) as bad:
        await side.api.report_entries(side.dossier, {"account": "7x"})
    assert bad.value.status == 422 and [d.get("field") for d in bad.value.details] == ["account"]
    with pytest.raises(ReportingError) as year:
        await side.api.report(side.dossier, "profit-and-loss", {"year": "20x6"})
    assert year.value.status == 422 and [d.get("field") for d in year.value.details] == ["year"]
