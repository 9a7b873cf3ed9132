"""A manual entry (REC-2 "type manual", issue 15 item 13) through the portal against the fake worklist: the
worklist's button, the form with the dossier's journals, periods and VAT codes, a decimal comma, a known counterparty
by its name, the proposal opened in the annotation screen; refused values framed as typed; who sees the button."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration


async def test_a_collaborator_enters_a_booking_without_a_document(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        listing = await client.get(f"/dossiers/{bakery}/worklist?list=sales")
        assert f'href="/dossiers/{bakery}/manual-entry?list=sales"' in listing.text
        form = await client.get(f"/dossiers/{bakery}/manual-entry?list=purchases")
        assert form.status_code == 200 and '<option value="ACH">' in form.text and '<option value="2026-01">' in form.text
        made = await client.post(f"/dossiers/{bakery}/manual-entry", data={
            "mailbox": "purchases", "journal": "ACH", "period": "2026-01", "invoice_date": "2026-01-12",
            "invoice_number": "KAS-3", "counterparty.name": "Brico Supplies NV", "lines.1.account": "604000",
            "lines.1.vat_code": "21", "lines.1.net_amount": "41,32", "lines.1.vat_amount": "8,68",
            "comment": "cash ticket", "csrf_token": csrf_of(form.text)})
        assert made.status_code == 303, made.text
        [entry] = [p for p in worklist.proposals.values() if p["origin"] == "manual"]
        assert made.headers["location"] == f"/dossiers/{bakery}/worklist/{entry['id']}?list=purchases"
        opened = await client.get(made.headers["location"])
    assert (entry["status"], entry["invoice_number"], entry["counterparty"]["reference"]) == ("complete", "KAS-3", "C1")
    assert entry["totals"] == {"net": "41.32", "vat": "8.68", "gross": "50.00"} and entry["comment"] == "cash ticket"
    assert opened.status_code == 200 and 'value="KAS-3"' in opened.text


async def test_refused_values_come_back_framed_as_typed_and_nothing_is_made(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        form = await client.get(f"/dossiers/{bakery}/manual-entry")
        sum_bad = await client.post(f"/dossiers/{bakery}/manual-entry", data={
            "mailbox": "purchases", "invoice_number": "KAS-4", "lines.1.account": "604000",
            "lines.1.net_amount": "12+x", "csrf_token": csrf_of(form.text)})
        refused = await client.post(f"/dossiers/{bakery}/manual-entry", data={
            "mailbox": "sales", "period": "2025-12", "invoice_number": "KAS-5", "lines.1.account": "999999",
            "lines.1.net_amount": "10", "csrf_token": csrf_of(form.text)})
    assert sum_bad.status_code == 422 and 'id="lines-1-net_amount-error"' in sum_bad.text and 'value="12+x"' in sum_bad.text
    assert refused.status_code == 422 and 'id="period-error"' in refused.text and 'id="lines-1-account-error"' in refused.text
    assert 'value="999999"' in refused.text and '<option value="sales" selected>' in refused.text
    assert not [p for p in worklist.proposals.values() if p["origin"] == "manual"]


async def test_who_may_not_enter_gets_no_button_and_a_403(fake, worklist, worklist_app):
    """The matrix's worklist.manual: a Full access client of a dossier where the office validates has none."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        form = await client.get(f"/dossiers/{bakery}/manual-entry")
        posted = await client.post(f"/dossiers/{bakery}/manual-entry", data={"mailbox": "purchases"})
    assert form.status_code == 403 and posted.status_code in (403, 400) and not worklist.proposals
