"""REP-2 over HTTP on a throw-away database: the reports honour "key figures on closed periods only" (OFF-1)
and a figure's entries are listed with the amount on its accounts and their document (the drill-down)."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from contracts.events.ledger import CounterpartyRecord

from reporting.handlers.events import on_dossier_changed, on_ledger_synced
from reporting_testkit import bearer, bookings, client, collaborator, dossier_changed, ledger_synced

pytestmark = pytest.mark.integration


async def _seed(pool, dossier: uuid.UUID, **settings) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(dossier, **settings))
        await on_ledger_synced(conn, ledger_synced(dossier, entries=tuple(bookings()), counterparties=(
            CounterpartyRecord(reference="C2", name="Delhaize", roles=("customer",)),)))


async def test_reports_leave_provisional_months_out_when_closed_periods_only(http, issuer, pool):
    """Updated up to 31 January, closed periods only: the profit and loss counts January alone and names February
    to December; without the setting it counts the three months."""
    closed, open_ = uuid.uuid4(), uuid.uuid4()
    await _seed(pool, closed, updated_up_to=date(2026, 1, 31), key_figures_closed_periods_only=True)
    await _seed(pool, open_)
    got = (await http.get(f"/dossiers/{closed}/reports/profit-and-loss?year=2026",
                          headers=bearer(issuer, client(closed, "full_feedback")))).json()
    assert got["closed_periods_only"] is True and got["provisional_months"][0] == "2026-02"
    assert got["result"]["total"] == "500.00" and got["result"]["months"][2] == "0.00"
    vat = (await http.get(f"/dossiers/{closed}/reports/vat-summary?year=2026",
                          headers=bearer(issuer, client(closed, "full_feedback")))).json()
    assert [p["period"] for p in vat["periods"]] == ["2026-01"]
    every = (await http.get(f"/dossiers/{open_}/reports/profit-and-loss?year=2026",
                            headers=bearer(issuer, client(open_, "full_feedback")))).json()
    assert every["closed_periods_only"] is False and every["provisional_months"] == []
    assert every["result"]["total"] == "1900.50"


async def test_a_figures_entries_are_listed_with_their_amount_and_document(http, issuer, pool):
    """The drill-down: turnover (70) of March is E6 (−2000.50 on 70) and E7's credit note (+100), with the
    counterparty's name; an account filter that is not digits is a 422 naming it; a profile without reports 403."""
    dossier = uuid.uuid4()
    await _seed(pool, dossier)
    who = bearer(issuer, collaborator(dossier))
    got = await http.get(f"/dossiers/{dossier}/reports/entries?account=70&from=2026-03-01&to=2026-03-31", headers=who)
    assert got.status_code == 200, got.text
    body = got.json()
    assert [(e["reference"], e["amount"], e["accounts"]) for e in body["entries"]] == [
        ("E6", "-2000.50", ["700000"]), ("E7", "100.00", ["700000"])]
    assert body["total"] == "-1900.50" and body["entries"][0]["counterparty_name"] == "Delhaize"
    by_period = (await http.get(f"/dossiers/{dossier}/reports/entries?account=411&period=2026-02",
                                headers=who)).json()
    assert [e["reference"] for e in by_period["entries"]] == ["E3"]
    costs = (await http.get(f"/dossiers/{dossier}/reports/entries?account=60,61,62&counterparty=S2",
                            headers=who)).json()
    assert [(e["reference"], e["amount"]) for e in costs["entries"]] == [("E3", "200.00")]
    bad = await http.get(f"/dossiers/{dossier}/reports/entries?account=7x", headers=who)
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "account"
    refused = await http.get(f"/dossiers/{dossier}/reports/entries?account=70",
                             headers=bearer(issuer, client(dossier, "document_processing")))
    assert refused.status_code == 403
