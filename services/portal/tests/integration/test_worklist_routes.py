"""The worklist and annotation screens through the portal against the fake office and the fake worklist
(WL-1..10): columns and colours, 3-state sorting, words overlay, mandatory fields, sums, save-and-next,
bulk actions, help, delete, and who may do what (DOS-4 profiles, OFF-2 roles, WL-11 modes)."""
from __future__ import annotations

import json
import re

import pytest
from runtime.storage import FakeObjectStore

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD

pytestmark = pytest.mark.integration


def bakery_of(fake) -> str:
    return next(d for d, v in fake.dossiers.items() if v["name"] == "Bakery Janssens")


def garage_of(fake) -> str:
    return next(d for d, v in fake.dossiers.items() if v["name"] == "Garage Dubois")


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-proposal="([^"]+)"', html)


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


def fake_office_app(fake):
    from portal_testkit.office_app import build_fake_office

    return build_fake_office(fake)


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


async def test_annotation_shows_words_mandatory_fields_instructions_and_shortcuts(fake, worklist, worklist_app):
    """WL-5: words of the page as clickable boxes, empty mandatory fields framed red, new counterparty orange,
    dossier instructions, the OCR text layer toggle and the list of WL-9 shortcuts."""
    bakery = bakery_of(fake)
    words = FakeObjectStore()
    stored = await words.put_bytes(json.dumps({"pages": [{"page": 1, "width": 595, "height": 842, "words": [
        {"text": "INV-2026-7", "bbox": {"x0": 0.6, "y0": 0.1, "x1": 0.8, "y1": 0.12}},
        {"text": "bad box", "bbox": {"x0": 0.9, "y0": 0.1, "x1": 0.2, "y1": 0.12}}]}]}).encode(), "application/json")
    proposal = worklist.add(bakery, invoice_number=None, status="incomplete", words_key=stored.key,
                            counterparty={"name": "Fresh Foods BV", "status": "new", "reference": None,
                                          "vat_number": None})
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app, words=words) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases")
    html = page.text
    assert page.status_code == 200
    assert 'data-text="INV-2026-7"' in html and 'x="0.6"' in html and "bad box" not in html
    assert 'id="toggle-text-layer"' in html and 'aria-pressed="true"' in html
    assert re.search(r'<div class="field missing">\s*<label for="f-invoice_number">', html)
    assert not re.search(r'<div class="field missing">\s*<label for="f-invoice_date">', html)
    assert 'class="counterparty cp-new"' in html
    assert "Rent of the shop: always on 610000, never on suspense." in html
    for keys in ("Ctrl+1", "Ctrl+S", "Ctrl+→", "Ctrl+←", "Ctrl+D", "Ctrl+P"):
        assert f"<kbd>{keys}</kbd>" in html
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
    assert refused.status_code == 422 and "account 999999 is not in the dossier&#39;s chart" in refused.text
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


async def test_bulk_check_and_send_report_what_was_done_and_refused(fake, worklist, worklist_app):
    """WL-4: check then send a selection; an incomplete one is refused with the reason, the others go on."""
    bakery = bakery_of(fake)
    good = [worklist.add(bakery), worklist.add(bakery)]
    incomplete = worklist.add(bakery, invoice_number=None, status="incomplete")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        ids = [p["id"] for p in good] + [incomplete["id"]]
        base = {"csrf_token": csrf_of(page.text), "list": "purchases", "back": "list=purchases", "ids": ids}
        checked = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**base, "action": "check"},
                                    follow_redirects=True)
        sent = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**base, "action": "send"},
                                 follow_redirects=True)
    assert "2 checked." in checked.text and "1 refused: mandatory fields are missing" in checked.text
    assert "2 sent to the accounting software." in sent.text
    assert {v["proposal_id"] for v in worklist.validated} == {p["id"] for p in good}
    assert worklist.proposals[incomplete["id"]]["status"] == "incomplete"


async def test_delete_goes_on_to_the_next_and_help_is_flagged(fake, worklist, worklist_app):
    """WL-6 delete (Ctrl+D) then the next document; WL-10 help needed with a note."""
    bakery = bakery_of(fake)
    second, first = worklist.add(bakery), worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{second['id']}?list=purchases"
        csrf = csrf_of((await client.get(url)).text)
        helped = await client.post(f"/dossiers/{bakery}/worklist/{second['id']}/help?list=purchases",
                                   data={"csrf_token": csrf, "needed": "true", "note": "which account?"})
        gone = await client.post(f"/dossiers/{bakery}/worklist/{first['id']}/delete?list=purchases",
                                 data={"csrf_token": csrf})
    assert helped.status_code == 303 and worklist.proposals[second["id"]]["help_note"] == "which account?"
    assert gone.status_code == 303 and gone.headers["location"] == url
    assert first["id"] not in worklist.proposals


@pytest.mark.parametrize("email, mode, status", [
    ("collab@demo.test", "collaborator", 200),
    ("support@demo.test", "collaborator", 403),  # SUPPORT: assigned worklists only (the garage)
    ("full_access@client.test", "collaborator", 403),  # WL-11: clients only in hybrid / client mode
    ("full_access@client.test", "hybrid", 200),
    ("document_processing@client.test", "hybrid", 403),  # DOS-4: not a profile that validates
])
async def test_who_sees_the_worklist(fake, worklist, worklist_app, email, mode, status):
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = mode
    proposal = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, email, PASSWORD)
        listing = await client.get(f"/dossiers/{bakery}/worklist")
        one = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}")
    assert listing.status_code == status and one.status_code == status


async def test_hybrid_client_corrects_and_checks_but_cannot_send(fake, worklist, worklist_app):
    """WL-11 hybrid: the client corrects and reviews; the send button is not there and a crafted send is refused."""
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = "hybrid"
    proposal = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        form = {"csrf_token": csrf_of(page.text), "list": "purchases", "ids": [proposal["id"]]}
        checked = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**form, "action": "check"})
        sent = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**form, "action": "send"})
    assert 'id="bulk-check"' in page.text and 'id="bulk-send"' not in page.text
    assert checked.status_code == 303 and worklist.proposals[proposal["id"]]["status"] == "validated"
    assert sent.status_code == 403 and worklist.validated == []


async def test_a_foreign_dossier_is_refused(fake, worklist, worklist_app):
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        garage = garage_of(fake)  # not assigned to this collaborator
        assert (await client.get(f"/dossiers/{garage}/worklist")).status_code == 403
        assert (await client.get("/dossiers/7b1d9a54-0000-4000-8000-000000000000/worklist")).status_code == 403


async def test_the_monitor_shows_the_worklist_counters_and_sorts_them(fake, worklist, worklist_app):
    """ACT-1: help requests, ready for validation (coloured by mode; hybrid with its second number), misc."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    worklist.add(bakery, help_needed=True)
    worklist.add(bakery)
    worklist.add(garage)
    worklist.add(garage, status="validated")
    worklist.add(garage, mailbox="misc", status="to_file")
    fake.overrides[garage]["validation_mode"] = "hybrid"
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/monitor")
        by_ready = await client.get("/monitor?sort=ready_for_validation&order=desc")
    html = page.text
    assert "the worklist service does not report" not in html
    assert re.search(rf'data-dossier="{bakery}".*?<a class="counter help" href="[^"]+help=true">1</a>', html, re.S)
    assert re.search(rf'data-dossier="{garage}".*?class="count mode-hybrid"><a class="counter"[^>]*>1</a> / '
                     rf'<a class="counter"[^>]*>1</a>', html, re.S)
    assert re.search(rf'data-dossier="{garage}".*?href="/dossiers/{garage}/worklist\?list=misc">1</a>', html, re.S)
    assert 'aria-sort="descending"' in by_ready.text


def form_values(html: str) -> dict[str, str]:
    """The annotation form's inputs and selected options as a browser would send them."""
    form = html[html.index('id="annotation"'):html.index("</form>", html.index('id="annotation"'))]
    values: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', form):
        values[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body) or re.search(r'<option selected>([^<]*)', body)
        values[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[name] = body
    for name in [n for n in values if n.endswith(".deleted")]:
        del values[name]
    return {k: v.replace("&#39;", "'").replace("&amp;", "&") for k, v in values.items()}


async def test_undo_the_last_saved_change_and_ask_the_client(fake, worklist, worklist_app):
    """WL-5 undo (the version before the last save); WL-6 a question to the client about the document."""
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, invoice_number="A")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases"
        first = await client.get(url)
        assert 'id="undo-saved"' not in first.text and 'id="ask-client"' in first.text
        await client.post(url, data={**form_values(first.text), "invoice_number": "B", "then": "save"})
        saved = await client.get(url)
        assert 'id="undo-saved"' in saved.text and worklist.proposals[proposal["id"]]["invoice_number"] == "B"
        undone = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/undo?list=purchases",
                                   data={"csrf_token": csrf_of(saved.text)})
        assert undone.status_code == 303 and worklist.proposals[proposal["id"]]["invoice_number"] == "A"
        empty = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/ask?list=purchases",
                                  data={"csrf_token": csrf_of(saved.text), "question": " "})
        asked = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/ask?list=purchases",
                                  data={"csrf_token": csrf_of(saved.text), "question": "Is this the March rent?"},
                                  follow_redirects=True)
    assert empty.status_code == 422 and "Write the question for the client first." in empty.text
    assert [q["question"] for q in worklist.questions] == ["Is this the March rent?"]
    assert 'id="notice"' in asked.text and "Your question is on its way to the client" in asked.text


async def test_client_users_cannot_ask_through_the_worklist(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = "hybrid"
    proposal = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}")
        answer = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/ask",
                                   data={"csrf_token": csrf_of(page.text), "question": "?"})
    assert 'id="ask-client"' not in page.text and answer.status_code == 403 and worklist.questions == []


async def test_misc_documents_are_filed_by_type(fake, worklist, worklist_app):
    """WL-12: the misc list offers the dossier's permanent-dossier types; filing marks the document done."""
    bakery = bakery_of(fake)
    fake.overrides[bakery]["permanent_dossier_types"] = ["statutes", "contracts"]
    misc = worklist.add(bakery, mailbox="misc", status="to_file", invoice_number=None)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist?list=misc")
        filed = await client.post(f"/dossiers/{bakery}/worklist/{misc['id']}/file",
                                  data={"csrf_token": csrf_of(page.text), "type": "statutes", "back": "list=misc"},
                                  follow_redirects=True)
        await login(client, "full_access@client.test", PASSWORD)
        fake.overrides[bakery]["validation_mode"] = "client"
        denied = await client.post(f"/dossiers/{bakery}/worklist/{misc['id']}/file",
                                   data={"csrf_token": csrf_of(page.text), "type": "contracts"})
    assert '<option value="statutes">statutes</option>' in page.text and f'form="file-{misc["id"]}"' in page.text
    assert filed.status_code == 200 and worklist.proposals[misc["id"]]["status"] == "filed"
    assert 'class="badge ok">statutes<' in filed.text
    assert denied.status_code == 403 and worklist.proposals[misc["id"]]["misc_type"] == "statutes"
