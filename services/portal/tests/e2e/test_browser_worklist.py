"""The worklist in a real browser against the real office (demo seed), ingest, worklist and portal: proposals are
published on the test's own proposal.created topic (as enrichment would), master data on its ledger.synced, and
what the worklist validated is read back from its proposal.validated topic (WL-1..11, ACT-1 roles)."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot
from portal_testkit.ingest_kit import ingest_api, upload_pdf
from portal_testkit.worklist_kit import (master_data, proposal, publish, put_words, validated, wait_for,
                                         wait_for_dossier, worklist_api)

pytestmark = pytest.mark.e2e
COLLAB, SUPPORT, CLIENT_ADMIN = LOGINS["COLLABORATOR"], LOGINS["SUPPORT"], LOGINS["ADMINISTRATOR"]


@pytest.fixture(scope="module")
def demo(platform) -> dict[str, str]:
    """The demo dossiers known to the e2e worklist, with their master data; the office id."""
    ids = dossier_ids(platform)
    admin = LOGINS["ADMIN"]
    with office_api(platform, admin.email, admin.password) as api:
        office_id = api.get("/me").json()["office"]["id"]
    with worklist_api(platform, admin.email, admin.password) as api:
        for code in ("DUPONT", "PEETERS"):
            wait_for_dossier(api, ids[code])
        publish(platform, "ledger.synced", *(master_data(office_id, ids[code]) for code in ("DUPONT", "PEETERS")))
        for code in ("DUPONT", "PEETERS"):
            _wait_for_accounts(api, ids[code])
    return {"office": office_id, **ids}


def _wait_for_accounts(api, dossier: str) -> None:
    import time

    deadline = time.monotonic() + 60
    while not any(a["code"] == "499000" for a in api.get(f"/dossiers/{dossier}/choices").json()["accounts"]):
        assert time.monotonic() < deadline, "master data did not reach the worklist"
        time.sleep(0.3)


def supplier(tag: str) -> dict:
    return {"status": "new", "name": f"Supplier {tag}"}


def put_in(platform, demo: dict, code: str, *events) -> list[str]:
    publish(platform, "proposal.created", *events)
    ids = [str(e.proposal_id) for e in events]
    with worklist_api(platform, COLLAB.email, COLLAB.password) as api:
        wait_for(api, demo[code], ids)
    return ids


def test_three_documents_processed_with_the_keyboard_only(platform, browser_page: Page, demo):
    """WL-9 with keys a real Chromium leaves to the page (issue 15 item 15): "?" lists the shortcuts; j / k choose a
    row and o opens it; Alt+Delete deletes (Enter confirms); the empty mandatory invoice number has the focus; Alt+C
    reaches the counterparty; a sum typed in the total (12+109) is computed on Enter; Alt+N processes and opens the
    next; Alt+P goes back; Alt+S processes and returns to the list. Three documents processed, one deleted, no mouse."""
    page, tag = browser_page, uuid.uuid4().hex[:6]
    dupont = demo["DUPONT"]
    events = [proposal(demo["office"], dupont, f"{tag}-{n}", counterparty=supplier(tag), status="complete_new_counterparty",
                       occurred_at=f"2026-01-20T10:0{n}:00+00:00") for n in range(4)]
    incomplete = proposal(demo["office"], dupont, None, counterparty=supplier(tag), status="incomplete",
                          occurred_at="2026-01-20T10:05:00+00:00")
    doomed = proposal(demo["office"], dupont, f"{tag}-D", counterparty=supplier(tag), occurred_at="2026-01-20T10:09:00+00:00")
    # the list's default order is newest first: doomed, incomplete, then 3, 2 (the others stay in the list)
    ids = put_in(platform, demo, "DUPONT", *events, incomplete, doomed)
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{dupont}/worklist?list=purchases&q={tag}")
    page.locator("body").focus()
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-dialog")).to_be_visible()
    expect(page.locator("#shortcuts-dialog kbd")).to_have_count(10)
    expect(page.locator("#shortcuts-dialog")).not_to_contain_text("Ctrl")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator("tr.chosen")).to_have_attribute("data-proposal", str(incomplete.proposal_id))
    page.keyboard.press("k")
    expect(page.locator("tr.chosen")).to_have_attribute("data-proposal", str(doomed.proposal_id))
    page.keyboard.press("o")
    page.wait_for_url(re.compile(rf"/worklist/{doomed.proposal_id}\?"))
    page.keyboard.press("Alt+Delete")
    expect(page.locator("#delete-dialog")).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/worklist/{incomplete.proposal_id}\?"))
    number = page.locator("#f-invoice_number")
    expect(number).to_be_focused()  # the first empty mandatory field, framed red
    expect(page.locator(".field.missing #f-invoice_number")).to_have_count(1)
    page.keyboard.type(f"{tag}-typed")
    expect(page.locator(".field.missing #f-invoice_number")).to_have_count(0)
    page.keyboard.press("Alt+c")
    expect(page.locator("#f-counterparty_name")).to_be_focused()
    for _ in range(6):  # VAT number, country, IBAN, total excl. VAT, VAT, total incl. VAT
        page.keyboard.press("Tab")
    gross = page.locator("#f-totals_gross")
    expect(gross).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("12+109")
    page.keyboard.press("Enter")
    expect(gross).to_have_value("121.00")
    screenshot(page, "annotation-keyboard")
    page.keyboard.press("Alt+n")
    page.wait_for_url(re.compile(rf"/worklist/{events[3].proposal_id}\?"))
    page.keyboard.press("Alt+n")
    page.wait_for_url(re.compile(rf"/worklist/{events[2].proposal_id}\?"))
    page.keyboard.press("End")
    page.keyboard.type("x")  # the invoice number has the focus: a change not saved yet
    page.keyboard.press("Alt+p")  # asks what to do with it: Enter saves and goes to the previous
    expect(page.locator("#leave-dialog")).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/worklist/{events[3].proposal_id}\?"))
    page.keyboard.press("Alt+n")
    page.wait_for_url(re.compile(rf"/worklist/{events[2].proposal_id}\?"))
    page.keyboard.press("Alt+s")
    page.wait_for_url(re.compile(rf"/dossiers/{dupont}/worklist\?list=purchases&q={tag}$"))
    with worklist_api(platform, COLLAB.email, COLLAB.password) as api:
        got = {p: api.get(f"/dossiers/{dupont}/proposals/{p}") for p in ids}
    assert got[str(doomed.proposal_id)].status_code == 404
    done = {p: r.json() for p, r in got.items() if r.status_code == 200}
    assert done[str(incomplete.proposal_id)]["invoice_number"] == f"{tag}-typed"
    assert done[str(incomplete.proposal_id)]["totals"]["gross"] == "121.00"
    reviewed = [str(incomplete.proposal_id), str(events[3].proposal_id), str(events[2].proposal_id)]
    assert [done[p]["status"] for p in reviewed] == ["validated"] * 3
    assert {done[str(e.proposal_id)]["status"] for e in events[:2]} == {"complete_new_counterparty"}
    assert done[str(events[2].proposal_id)]["invoice_number"] == f"{tag}-2x"


def test_the_page_shows_the_recognised_words_and_a_click_copies_one(platform, browser_page: Page, demo):
    """WL-5: the page image (large enough to read) with the recognised words over it; clicking a word copies it
    into the field that had the focus; the text layer toggles; the new counterparty is framed orange; WL-8 a line
    added on the suspense account (with a sum) is saved and shown red."""
    page, tag = browser_page, uuid.uuid4().hex[:6]
    dupont = demo["DUPONT"]
    with ingest_api(platform, COLLAB.email, COLLAB.password) as api:
        document_id = upload_pdf(api, dupont, tag)
    key = put_words([{"page": 1, "width": 595, "height": 842, "words": [
        {"text": f"INV-{tag}", "bbox": {"x0": 0.30, "y0": 0.40, "x1": 0.70, "y1": 0.45}},
        {"text": "121,00", "bbox": {"x0": 0.60, "y0": 0.80, "x1": 0.75, "y1": 0.83}}]}])
    event = proposal(demo["office"], dupont, f"{tag}-W", document_id=document_id, words_key=key,
                     counterparty=supplier(tag), status="complete_new_counterparty",
                     e_invoice_check={"valid": True, "warnings": ["BR-CL-23"], "rulesets": ["UBL-XSD"]})
    [proposal_id] = put_in(platform, demo, "DUPONT", event)
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{dupont}/worklist/{proposal_id}?list=purchases")
    image = page.locator(".page-view img").first
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") >= 900
    expect(page.locator("fieldset.counterparty.cp-new")).to_be_visible()
    verdict = page.locator("#e-invoice-check")  # issue 19 item 5: the e-invoice's verdict kept with the proposal
    expect(verdict.locator("summary")).to_have_text("Facture électronique contrôlée : 1 avertissement")  # in French
    expect(verdict.locator("code.rule.warning")).to_have_text("BR-CL-23")
    number = page.locator("#f-invoice_number")
    number.click()
    page.locator(f"rect.word[data-text='INV-{tag}']").click()
    expect(number).to_have_value(f"INV-{tag}")
    page.locator("#f-totals_gross").click()
    page.locator("rect.word[data-text='121,00']").click()
    expect(page.locator("#f-totals_gross")).to_have_value("121.00")
    screenshot(page, "annotation-words")
    page.locator("#toggle-text-layer").click()
    expect(page.locator("svg.words").first).to_be_hidden()
    page.locator("#add-line").click()  # WL-8: a third row (after the line and the empty row), filled on the suspense account
    rows = page.locator("#lines tbody tr.line")
    expect(rows).to_have_count(3)
    rows.nth(2).locator("input[name='lines.3.account']").fill("499000")
    rows.nth(2).locator("input[name='lines.3.net_amount']").fill("5+5")
    rows.nth(2).locator("input[name='lines.3.vat_amount']").fill("0")
    page.locator("#save").click()
    page.wait_for_url(re.compile(rf"/worklist/{proposal_id}\?"))
    expect(page.locator("#lines td.suspense input[value='499000']")).to_have_count(1)  # framed red
    with worklist_api(platform, COLLAB.email, COLLAB.password) as api:
        saved = api.get(f"/dossiers/{dupont}/proposals/{proposal_id}").json()
    assert saved["invoice_number"] == f"INV-{tag}"
    assert [(line["account"], line["net_amount"], line["suspense"]) for line in saved["lines"]] == [
        ("604000", "100.00", False), ("499000", "10.00", True)]


def test_bulk_send_a_selection(platform, browser_page: Page, demo):
    """WL-4: select two of three, check them, send them: two proposal.validated events, the third untouched."""
    page, tag = browser_page, uuid.uuid4().hex[:6]
    dupont = demo["DUPONT"]
    events = [proposal(demo["office"], dupont, f"{tag}-{n}", counterparty=supplier(tag)) for n in range(3)]
    ids = put_in(platform, demo, "DUPONT", *events)
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{dupont}/worklist?list=purchases&q={tag}")
    for proposal_id in ids[:2]:
        page.locator(f"input[name='ids'][value='{proposal_id}']").check()
    page.locator("#bulk-check").click()
    expect(page.locator("#bulk-result[data-action='check']")).to_have_attribute("data-done", "2")
    for proposal_id in ids[:2]:
        page.locator(f"input[name='ids'][value='{proposal_id}']").check()
    page.locator("#bulk-send").click()
    expect(page.locator("#bulk-result[data-action='send']")).to_have_attribute("data-done", "2")
    expect(page.locator("#bulk-result")).to_contain_text("2 envoyé(s) vers le logiciel comptable.")  # in French
    screenshot(page, "worklist-bulk-sent")
    sent = validated(platform, ids)
    assert set(sent) == set(ids[:2])
    assert {e["status"] for e in sent.values()} == {"validated"} and {e["validation_mode"] for e in sent.values()} == {
        "collaborator"}


def test_hybrid_mode_the_client_corrects_and_the_collaborator_sends(platform, browser_page: Page, demo):
    """WL-11 hybrid (Peeters): the client user corrects and processes but has no way to send; the collaborator
    sends; proposal.validated carries the client's correction and mode "hybrid"."""
    page, tag = browser_page, uuid.uuid4().hex[:6]
    peeters = demo["PEETERS"]
    [proposal_id] = put_in(platform, demo, "PEETERS", proposal(demo["office"], peeters, f"{tag}-H",
                                                               counterparty=supplier(tag)))
    log_in(page, CLIENT_ADMIN.email, CLIENT_ADMIN.password)
    page.goto(f"/client/{peeters}")
    page.locator("a.tile[data-area='worklist']").click()
    page.wait_for_url(re.compile(rf"/dossiers/{peeters}/worklist"))
    expect(page.locator("#bulk-send")).to_have_count(0)
    page.goto(f"/dossiers/{peeters}/worklist?list=purchases&q={tag}")
    page.keyboard.press("o")
    page.wait_for_url(re.compile(rf"/worklist/{proposal_id}\?"))
    page.locator("#f-invoice_number").fill(f"{tag}-CORRECTED")
    page.keyboard.press("Alt+s")
    page.wait_for_url(re.compile(rf"/dossiers/{peeters}/worklist\?"))
    expect(page.locator(f"tr[data-proposal='{proposal_id}']")).to_have_attribute("data-status", "validated")
    expect(page.locator(f"tr[data-proposal='{proposal_id}'] .status")).to_have_text("Validiert")  # the user's German
    screenshot(page, "worklist-hybrid-client")
    page.context.clear_cookies()
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{peeters}/worklist?list=purchases&q={tag}")
    page.locator(f"input[name='ids'][value='{proposal_id}']").check()
    page.locator("#bulk-send").click()
    expect(page.locator("#bulk-result[data-action='send']")).to_have_attribute("data-done", "1")
    event = validated(platform, [proposal_id])[proposal_id]
    assert event["invoice_number"] == f"{tag}-CORRECTED" and event["validation_mode"] == "hybrid"
    assert event["validated_by"]["kind"] == "collaborator"


def test_a_support_collaborator_sees_only_assigned_worklists(platform, browser_page: Page, demo):
    """OFF-2: SUPPORT is assigned Dupont's worklists only: Dupont's worklist opens, Peeters' answers 403, and the
    monitor shows Dupont alone with its worklist counters."""
    page, tag = browser_page, uuid.uuid4().hex[:6]
    [proposal_id] = put_in(platform, demo, "DUPONT", proposal(demo["office"], demo["DUPONT"], f"{tag}-S",
                                                              counterparty=supplier(tag)))
    log_in(page, SUPPORT.email, SUPPORT.password)
    assert page.goto(f"/dossiers/{demo['DUPONT']}/worklist?list=purchases&q={tag}").status == 200
    expect(page.locator(f"tr[data-proposal='{proposal_id}']")).to_have_count(1)
    assert page.goto(f"/dossiers/{demo['DUPONT']}/worklist/{proposal_id}").status == 200
    expect(page.locator("#open-document")).to_have_count(1)  # SUPPORT reads the documents of its worklists
    assert page.goto(f"/dossiers/{demo['PEETERS']}/worklist").status == 403
    page.goto("/monitor")
    rows = page.locator("table.monitor tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-dossier", demo["DUPONT"])
    expect(page.locator("td.not-fed[title*='worklist']")).to_have_count(0)
    screenshot(page, "monitor-support")
