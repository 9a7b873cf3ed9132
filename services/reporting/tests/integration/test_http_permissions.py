"""Who may see what in reporting (matrix dashboard/report/archive/history/financial.*): other offices, profiles,
hidden financial data, the archive-only profile; bad filters answer 422 naming the parameter."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from runtime.auth.principal import Role

from reporting.handlers.events import on_document_received, on_dossier_changed, on_ledger_synced
from reporting_testkit import (OTHER_OFFICE, bearer, bookings, client, collaborator, dossier_changed, ledger_synced,
                               open_item)

pytestmark = pytest.mark.integration
DOSSIER, HIDDEN = uuid.uuid4(), uuid.uuid4()
ROUTES = ("/dashboard", "/reports/profit-and-loss", "/history", "/archive", "/bank")


@pytest.fixture
async def seeded(pool):
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER))
        await on_dossier_changed(conn, dossier_changed(HIDDEN, hide_financial_data=True))
        await on_ledger_synced(conn, ledger_synced(DOSSIER, entries=tuple(bookings()), open_items=(
            open_item("R1", "receivable", "1210", "1210", date(2026, 2, 9)),)))
    return pool


def at(dossier: uuid.UUID, rest: str) -> str:
    return f"/dossiers/{dossier}{rest}"


async def test_another_office_and_unauthenticated_callers_are_refused(http, issuer, seeded):
    """Tenancy: an admin of another office gets 403 on every route, like for an unknown dossier; no token → 401."""
    foreign = bearer(issuer, collaborator(DOSSIER, Role.ADMIN, office=OTHER_OFFICE))
    mine = bearer(issuer, collaborator(DOSSIER, Role.ADMIN))
    for rest in ROUTES:
        assert (await http.get(at(DOSSIER, rest), headers=foreign)).status_code == 403, rest
        assert (await http.get(at(uuid.uuid4(), rest), headers=mine)).status_code == 403, rest
        assert (await http.get(at(DOSSIER, rest))).status_code == 401, rest
        assert (await http.get(at(DOSSIER, rest), headers=mine)).status_code == 200, rest


async def test_document_delivery_profile_sees_no_feedback(http, issuer, seeded):
    """DOS-4: document delivery (upload only) → 403 on every reporting route."""
    who = bearer(issuer, client(DOSSIER, "document_delivery"))
    for rest in ROUTES:
        assert (await http.get(at(DOSSIER, rest), headers=who)).status_code == 403, rest


async def test_archive_only_profile_sees_the_archive_but_not_the_figures(http, issuer, seeded):
    """DOS-4: document processing + archive sees the archive, not the dashboard, reports or history."""
    async with seeded.acquire() as conn, conn.transaction():
        await on_document_received(conn, _received())
    who = bearer(issuer, client(DOSSIER, "document_processing_archive"))
    archive = await http.get(at(DOSSIER, "/archive"), headers=who)
    assert archive.status_code == 200 and archive.json()["total"] == 1
    for rest in ("/dashboard", "/reports/vat-summary", "/history"):
        assert (await http.get(at(DOSSIER, rest), headers=who)).status_code == 403, rest


async def test_hidden_financial_data_refuse_the_bank_route_to_clients(http, issuer, seeded):
    """DOS-2, REP-5: hide financial data → bank 403 with the reason; the dashboard drops the 58 balance."""
    who = bearer(issuer, client(HIDDEN, "full_access"))
    refused = await http.get(at(HIDDEN, "/bank"), headers=who)
    assert refused.status_code == 403 and "financial" in refused.json()["error"]["message"]
    board = (await http.get(at(HIDDEN, "/dashboard"), headers=who)).json()
    assert "internal_transfers" not in board["balances"] and "cash" not in board["balances"] and "receivables" in board["balances"]
    visible = await http.get(at(DOSSIER, "/bank?journal=BNK"), headers=bearer(issuer, client(DOSSIER, "full_access")))
    assert visible.status_code == 200 and visible.json()["entries_total"] == 2


async def test_done_tick_is_stored_and_needs_full_access(http, issuer, seeded):
    """REP-4: full access ticks an invoice done (shown in the history); full feedback may not; unknown → 404."""
    path = at(DOSSIER, "/history/R1/done")
    assert (await http.post(path, json={"done": True},
                            headers=bearer(issuer, client(DOSSIER, "full_feedback")))).status_code == 403
    who = bearer(issuer, client(DOSSIER, "full_access"))
    assert (await http.post(path, json={"done": True}, headers=who)).status_code == 200
    listed = (await http.get(at(DOSSIER, "/history?status=open"), headers=who)).json()
    assert listed["invoices"][0]["done"] is True and listed["key_figures"]["overdue"] == "0.00"
    assert (await http.post(at(DOSSIER, "/history/NOPE/done"), json={"done": True}, headers=who)).status_code == 404


@pytest.mark.parametrize(("query", "field"), [
    ("/history?from=2026-03-01&to=2026-02-01", "from"), ("/history?side=everyone", "side"),
    ("/archive?page_size=1000", "page_size"), ("/dashboard?year=1800", "year"), ("/reports/nope", "name"),
    ("/bank?from=yesterday", "from"), ("/archive?page=0", "page"),
])
async def test_bad_filters_answer_422_naming_the_parameter(http, issuer, seeded, query, field):
    got = await http.get(at(DOSSIER, query), headers=bearer(issuer, collaborator(DOSSIER)))
    assert got.status_code == 422
    assert field in [f["field"] for f in got.json()["error"]["fields"]]


def _received(mailbox: str = "purchases", filename: str = "factuur.pdf"):
    from contracts.events.documents import DocumentReceived
    return DocumentReceived(correlation_id="test", office_id=collaborator(DOSSIER).office_id, dossier_id=DOSSIER,
                            document_id=uuid.uuid4(), source="portal", mailbox=mailbox, filename=filename,
                            content_type="application/pdf", size_bytes=10, sha256="b" * 64, storage_key="k")
