"""The feedback screens through the portal against the fake office and the fake reporting service (REP-1, REP-4):
the dashboard's figures, chart and provisional months per language, the history per counterparty with the done
tick and Pay, the matrix on every route, reporting's text shown as data and its 422 named on the page."""
from __future__ import annotations

import re

import pytest

from portal.domain.amounts import money
from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.reporting_fake import month_row
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration


def eur(amount: str) -> str:
    """An amount as an English page writes it (the shared formatter's notation for English)."""
    return money(amount, "en")

FULL, FEEDBACK, PROCESSING, DELIVERY = ("full_access@client.test", "full_feedback@client.test",
                                        "document_processing@client.test", "document_delivery@client.test")


def figure(html: str, name: str) -> str:
    found = re.search(rf'<li data-figure="{name}"><span>[^<]*</span><strong>([^<]*)</strong>', html)
    return found.group(1) if found else ""


def seed_board(reporting, dossier: str) -> None:
    months = [month_row(2026, m, provisional=m > 2) for m in range(1, 13)]
    months[0].update(turnover="1234.50", purchases="400", other_costs="100", result="734.50")
    months[3].update(turnover="99", result="-20")
    reporting.dashboards[dossier] = {
        "closed_periods_only": True, "accounting_updated_up_to": "2026-02-28",
        "totals": {**months[0], "vat_balance": "-56.70"}, "months": months,
        "balances": {"receivables": "2000", "payables": "-847", "internal_transfers": "50", "cash": "15000.25",
                     "550100": "12.00"}}


async def test_dashboard_shows_the_figures_per_language_and_marks_provisional_months(fake, reporting, reporting_app):
    """REP-1: turnover, costs, result, VAT position, cash, receivables, payables formatted per language; the chart
    is inline SVG with a bar per series and month; months after "updated up to" are marked provisional."""
    bakery = bakery_of(fake)
    seed_board(reporting, bakery)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/dashboard?year=2026")
        assert page.status_code == 200, page.text
        html = page.text
        assert figure(html, "turnover") == eur("1234.50") and figure(html, "costs") == eur("500.00")
        assert figure(html, "result") == eur("734.50") and figure(html, "cash") == eur("15000.25")
        assert figure(html, "receivables") == eur("2000.00") and figure(html, "payables") == eur("847.00")
        assert "VAT to receive" in html and figure(html, "vat_balance") == eur("56.70")
        assert figure(html, "account-550100") == eur("12.00")
        assert html.count('<rect class="turnover"') == 12 and html.count('<rect class="costs"') == 12
        assert '<g class="month" data-month="2026-02">' in html
        assert '<g class="month provisional" data-month="2026-03">' in html
        assert 'id="provisional-note"' in html and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]
        fake.user_by_email(FULL).language = "fr"
        french = (await client.get(f"/dossiers/{bakery}/dashboard?year=2026")).text
        assert figure(french, "turnover") == "1\u202f234,50\xa0€" and "Chiffre d" in french
        fake.user_by_email(FULL).language = "nl"
        dutch = (await client.get(f"/dossiers/{bakery}/dashboard?year=2026")).text
        assert figure(dutch, "turnover") == "€\xa01.234,50" and ">mrt*<" in dutch


async def test_dashboard_refuses_a_bad_year_and_profiles_without_the_right(fake, reporting_app):
    """A year that is not a number is a 422 naming it; DOCUMENT_PROCESSING has no dashboard (403, no tab)."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        bad = await client.get(f"/dossiers/{bakery}/dashboard?year=20x6")
        assert bad.status_code == 422 and "The year must be a number" in bad.text
        assert 'data-area="dashboard"' in (await client.get(f"/client/{bakery}")).text
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, PROCESSING, PASSWORD)
        assert (await client.get(f"/dossiers/{bakery}/dashboard")).status_code == 403
        assert (await client.get(f"/dossiers/{bakery}/history")).status_code == 403
        assert (await client.get(f"/client/{bakery}/history")).status_code == 403


async def test_history_per_counterparty_with_the_done_tick(fake, reporting, reporting_app):
    """REP-4: invoices grouped per counterparty with open amount and paid/unpaid; the tick posts to reporting
    and shows ticked; a counterparty name with markup is shown as text; the client tile opens the page."""
    bakery = bakery_of(fake)
    reporting.invoice(bakery, "INV-1", counterparty_name="<b>Acme</b>", amount="121.00", amount_open="21.00")
    reporting.invoice(bakery, "INV-2", counterparty_name="Beta", paid=True)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        tile = await client.get(f"/client/{bakery}/history")
        assert tile.status_code in (302, 303) and tile.headers["location"].endswith(f"/dossiers/{bakery}/history")
        html = (await client.get(f"/dossiers/{bakery}/history")).text
        assert "<b>Acme</b>" not in html and "&lt;b&gt;Acme&lt;/b&gt;" in html
        acme = html[html.index('data-invoice="INV-1"'):html.index("</tr>", html.index('data-invoice="INV-1"'))]
        assert eur("21.00") in acme and "Unpaid" in acme and 'aria-pressed="false"' in acme
        assert "Paid" in html[html.index('data-invoice="INV-2"'):]
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        done = await client.post(f"/dossiers/{bakery}/history/INV-1/done",
                                 data={"csrf_token": csrf, "done": "true", "side": "customers", "status": "open"})
        assert done.status_code in (302, 303) and "status=open" in done.headers["location"]
        assert reporting.calls == [(f"/dossiers/{bakery}/history/INV-1/done", {"done": True})]
        again = (await client.get(f"/dossiers/{bakery}/history")).text
        assert 'aria-pressed="true"' in again


async def test_history_filters_pay_button_export_and_refusals(fake, reporting, reporting_app):
    """A bad side is a 422 naming it (not a 500); an unpaid purchase with its document has Pay when the payment
    module is on; the export passes the filters on; FULL_FEEDBACK sees but may not tick (no form, POST 403)."""
    bakery, doc = bakery_of(fake), "5f0c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f"
    reporting.invoice(bakery, "P-1", side="suppliers", document_id=doc, counterparty_name="Proximus")
    fake.overrides[bakery]["payment_module"] = True
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        bad = await client.get(f"/dossiers/{bakery}/history?side=nobody")
        assert bad.status_code == 422 and "<code>side</code>" in bad.text
        html = (await client.get(f"/dossiers/{bakery}/history?side=suppliers&status=open")).text
        assert f'name="document_id" value="{doc}"' in html and 'action="/dossiers/' + bakery + '/payments/new"' in html
        export = await client.get(f"/dossiers/{bakery}/history/export.xlsx?side=suppliers&status=open")
        assert export.status_code == 200 and b"('side', 'suppliers')" in export.content
        assert export.headers["content-security-policy"] == "sandbox"
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FEEDBACK, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/history?side=suppliers")
        assert page.status_code == 200 and "/done" not in page.text and "Proximus" in page.text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        refused = await client.post(f"/dossiers/{bakery}/history/P-1/done", data={"csrf_token": csrf, "done": "true"})
        assert refused.status_code == 403 and reporting.calls == []


async def test_reporting_down_is_a_503_page_not_a_500(fake):
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake)) as client:
        await login(client, FULL, PASSWORD)
        assert (await client.get(f"/dossiers/{bakery}/dashboard")).status_code == 503
