"""The worklist and annotation screens through the portal against the fake office and the fake worklist
(WL-1..8): columns and colours, 3-state sorting, words overlay, mandatory fields, sums, save-and-next, refusals
named on their field, known or new counterparty."""
from __future__ import annotations

import re

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app, form_values, row_ids

pytestmark = pytest.mark.integration



async def test_list_shows_the_wl2_columns_with_their_colours(fake, worklist, worklist_app):
    """WL-2: new counterparty orange, suspense account red, WL-3 status classes, note bubble, page count."""
    bakery = bakery_of(fake)
    known = worklist.add(bakery, invoice_number="K-1", note="ask about the discount")
    new = worklist.add(bakery, invoice_number="N-1", status="complete_new_counterparty",
                       counterparty={"name": "Fresh Foods BV", "status": "new", "reference": None, "vat_number": None})
    suspense = worklist.add(bakery, invoice_number="S-1", status="checked", lines=[
        {"line_no": 1, "account": "499000", "vat_code": None, "vat_rate": None, "net_amount": "10.00",
         "vat_amount": "0.00", "description": None, "note": None, "suspense": True}])
    worklist.add(bakery, invoice_number="SALE-1", mailbox="sales")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
    assert page.status_code == 200
    assert set(row_ids(page.text)) == {known["id"], new["id"], suspense["id"]}  # sales are in the other list
    html = page.text
    assert re.search(rf'data-proposal="{new["id"]}".*?class="cp-new"[^>]*>Fresh Foods BV', html, re.S)
    assert re.search(rf'data-proposal="{known["id"]}".*?class="cp-known"[^>]*>Brico Supplies NV', html, re.S)
    assert re.search(rf'data-proposal="{suspense["id"]}".*?class="account suspense"[^>]*>499000', html, re.S)
    assert re.search(rf'data-proposal="{suspense["id"]}".*?class="status st-checked">Checked', html, re.S)
    assert 'title="ask about the discount"' in html
    for header in ("Type", "Journal", "Invoice date", "Period", "Invoice number", "Counterparty", "GL accounts",
                   "VAT rate", "Total", "Processed", "Validation"):
        assert f">{header}<" in html, header




async def test_headers_sort_in_three_states(fake, worklist, worklist_app):
    """WL-1: a header click sorts ascending, the next descending, the third goes back to the default order."""
    bakery = bakery_of(fake)
    for number in ("B-2", "A-1", "C-3"):
        worklist.add(bakery, invoice_number=number)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        plain = await client.get(f"/dossiers/{bakery}/worklist")
        asc = await client.get(f"/dossiers/{bakery}/worklist?list=purchases&sort=invoice_number&order=asc")
        desc = await client.get(f"/dossiers/{bakery}/worklist?list=purchases&sort=invoice_number&order=desc")

    def numbers(html: str) -> list[str]:
        return re.findall(r'<a class="open" href="[^"]+">([^<]+)</a>', html)

    assert numbers(asc.text) == ["A-1", "B-2", "C-3"] and numbers(desc.text) == ["C-3", "B-2", "A-1"]
    assert numbers(plain.text) == ["C-3", "A-1", "B-2"]  # the default: newest processed first
    assert 'href="/dossiers/{}/worklist?list=purchases&amp;sort=invoice_number&amp;order=asc"'.format(bakery) in plain.text
    assert 'href="/dossiers/{}/worklist?list=purchases&amp;sort=invoice_number&amp;order=desc"'.format(bakery) in asc.text
    assert 'href="/dossiers/{}/worklist?list=purchases"'.format(bakery) in desc.text  # third click: no sort
    assert 'aria-sort="descending"' in desc.text


async def test_annotation_without_overlay_when_the_words_object_is_malformed(fake, worklist, worklist_app):
    """Issue 19 item 5: a words object its contract refuses leaves the overlay out; the screen still works."""
    bakery = bakery_of(fake)
    worklist.words["words/bad"] = {"method": "ocr", "pages": [{"page": 1, "words": [{"text": "x", "bbox": {}}]}]}
    proposal = worklist.add(bakery, words_key="words/bad")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases")
    assert page.status_code == 200 and 'class="word"' not in page.text
    assert re.search(r'id="toggle-text-layer"[^>]* disabled', page.text)


async def test_annotation_shows_words_mandatory_fields_instructions_and_shortcuts(fake, worklist, worklist_app):
    """WL-5: words of the page as clickable boxes, empty mandatory fields framed red, new counterparty orange,
    dossier instructions, the OCR text layer toggle and the list of WL-9 shortcuts."""
    bakery = bakery_of(fake)
    worklist.words["words/1"] = {"method": "ocr", "pages": [{"page": 1, "width": 595, "height": 842, "words": [
        {"text": "INV-2026-7", "bbox": {"x0": 0.6, "y0": 0.1, "x1": 0.8, "y1": 0.12}},
        {"text": "flat box", "bbox": {"x0": 0.2, "y0": 0.1, "x1": 0.2, "y1": 0.12}}]}]}
    proposal = worklist.add(bakery, invoice_number=None, status="incomplete", words_key="words/1",
                            counterparty={"name": "Fresh Foods BV", "status": "new", "reference": None,
                                          "vat_number": None})
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases")
    html = page.text
    assert page.status_code == 200
    assert 'data-text="INV-2026-7"' in html and 'x="0.6"' in html and "flat box" not in html
    assert 'id="toggle-text-layer"' in html and 'aria-pressed="true"' in html
    assert re.search(r'<div class="field missing">\s*<label for="f-invoice_number">', html)
    assert not re.search(r'<div class="field missing">\s*<label for="f-invoice_date">', html)
    assert 'class="counterparty cp-new"' in html
    assert "Rent of the shop: always on 610000, never on suspense." in html
    for keys in ("j", "k", "o", "Alt+S", "Alt+N", "Alt+P", "Alt+Delete", "Alt+C"):  # WL-9, issue 15 item 15
        assert f"<kbd>{keys}</kbd>" in html
    assert "Ctrl+" not in html
    assert f'src="/dossiers/{bakery}/worklist/{proposal["id"]}/pages/1.png"' in html


async def test_sums_are_computed_and_process_and_next_opens_the_next(fake, worklist, worklist_app):
    """WL-8 arithmetic (12+25 → 37, also without JavaScript), WL-9 process and next: reviewed, then the next one."""
    bakery = bakery_of(fake)
    second = worklist.add(bakery, invoice_number="B")
    first = worklist.add(bakery, invoice_number="A")  # processed later: first in the default order
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{first['id']}?list=purchases"
        page = await client.get(url)
        form = form_values(page.text)
        form.update({"totals.gross": "12+25", "totals.net": "30,5+0,08", "lines.1.net_amount": "(10+20)*2",
                     "then": "next"})
        answer = await client.post(url, data=form)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/dossiers/{bakery}/worklist/{second['id']}?list=purchases"
    saved = worklist.proposals[first["id"]]
    assert saved["totals"]["gross"] == "37.00" and saved["totals"]["net"] == "30.58"
    assert saved["lines"][0]["net_amount"] == "60.00" and saved["status"] == "validated"


async def test_a_bad_sum_or_a_refused_value_is_named_and_nothing_is_saved(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, invoice_number="A")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases"
        form = form_values((await client.get(url)).text)
        bad_sum = await client.post(url, data={**form, "totals.gross": "12+abc", "invoice_number": "typed",
                                               "then": "back"})
        refused = await client.post(url, data={**form, "lines.1.account": "999999", "then": "back"})
        missing = await client.post(url, data={**form, "invoice_number": "", "then": "back"})
    assert bad_sum.status_code == 422 and 'value="12+abc"' in bad_sum.text and 'value="typed"' in bad_sum.text
    assert "Not a number or a sum of numbers" in bad_sum.text
    assert refused.status_code == 422 and "This account is not in the dossier&#39;s chart of accounts." in refused.text
    assert 'value="999999"' in refused.text
    assert missing.status_code == 422 and "Mandatory fields are missing" in missing.text
    assert re.search(r'<div class="field missing[^"]*">\s*<label for="f-invoice_number">', missing.text)
    assert worklist.proposals[proposal["id"]]["version"] == 1 and worklist.proposals[proposal["id"]]["invoice_number"] == "A"


async def test_a_known_counterparty_typed_by_name_is_chosen_and_an_unknown_one_is_new(fake, worklist, worklist_app):
    """WL-7: choose a known counterparty by name or VAT number, or create a new one."""
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, counterparty={"name": "Somebody", "status": "new", "reference": None,
                                                  "vat_number": None}, status="complete_new_counterparty")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases"
        form = form_values((await client.get(url)).text)
        options = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}/counterparties",
                                   params={"counterparty.name": "bri"})
        known = await client.post(url, data={**form, "counterparty.name": "brico supplies nv", "then": "save"})
        form = form_values((await client.get(url)).text)
        await client.post(url, data={**form, "counterparty.name": "Brand New SRL", "counterparty.vat_number": "",
                                     "then": "save"})
    assert '<option value="Brico Supplies NV">BE0403170701 · C1</option>' in options.text
    assert known.status_code == 303
    assert worklist.history[proposal["id"]][-1]["counterparty"]["reference"] == "C1"
    assert worklist.proposals[proposal["id"]]["counterparty"] == {
        "name": "Brand New SRL", "vat_number": None, "reference": None, "status": "new"}


async def test_a_refusal_of_the_accounting_software_is_said_in_the_readers_language(fake, worklist, worklist_app):
    """Issue 15 item 1: the connector's code and values, in Dutch here; the software's own words when the code is
    not known; both escaped."""
    bakery = bakery_of(fake)
    refused = worklist.add(bakery, invoice_number="R-1", status="rejected", rejection_code="TotalsDiffer",
                           rejection_reason="the accounting software would book net 1325.00 ...",
                           rejection_params={"net": "1325.00", "vat": "331.25", "gross": "1656.25",
                                             "software_net": "1325.00", "software_vat": "0.00",
                                             "software_gross": "1325.00"})
    other = worklist.add(bakery, invoice_number="R-2", status="rejected", rejection_code="SomethingNew",
                         rejection_reason="<b>period</b> 2026-01 is closed")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        await client.post("/language", data={"language": "nl", "next": "/dossiers", "csrf_token": csrf_of(page.text)})
        listed = await client.get(f"/dossiers/{bakery}/worklist?status=rejected")
        opened = await client.get(f"/dossiers/{bakery}/worklist/{refused['id']}")
    said = ("Het boekhoudpakket zou netto 1325.00, btw 0.00, bruto 1325.00 boeken in plaats van de gevalideerde netto "
            "1325.00, btw 331.25, bruto 1656.25")
    assert said in listed.text and said in opened.text
    assert "would book" not in listed.text
    assert "&lt;b&gt;period&lt;/b&gt; 2026-01 is closed" in listed.text and other["id"] in listed.text


async def test_a_vat_amount_without_vat_code_is_not_reviewed_and_the_reason_is_said(fake, worklist, worklist_app):
    """Issue 15 item 1: 'Save and next' (a review) of a line with a VAT amount and the VAT code left at '—' is refused
    with the reason in the reader's language; nothing is saved; a bulk check says why too."""
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, invoice_number="V-1")
    uncoded = worklist.add(bakery, invoice_number="V-2", lines=[
        {"line_no": 1, "account": "604000", "vat_code": None, "vat_rate": None, "net_amount": "1325.00",
         "vat_amount": "331.25", "description": None, "note": None, "suspense": False}])
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases"
        page = await client.get(url)
        await client.post("/language", data={"language": "fr", "next": "/dossiers", "csrf_token": csrf_of(page.text)})
        form = form_values((await client.get(url)).text)
        refused = await client.post(url, data={**form, "lines.1.vat_code": "", "then": "next"})
        listing = await client.get(f"/dossiers/{bakery}/worklist")
        checked = await client.post(f"/dossiers/{bakery}/worklist/actions", follow_redirects=True, data={
            "csrf_token": csrf_of(listing.text), "list": "purchases", "back": "list=purchases", "action": "check",
            "ids": [uncoded["id"]]})
    assert refused.status_code == 422
    assert "Une ligne avec un montant de TVA a besoin de son code TVA" in refused.text
    assert worklist.proposals[proposal["id"]]["version"] == 1 and worklist.proposals[proposal["id"]]["status"] == "complete"
    assert "1 refusé: le montant de TVA d'une ligne n'a pas de code TVA" in checked.text
    assert worklist.proposals[uncoded["id"]]["status"] == "complete"
