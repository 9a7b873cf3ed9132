"""Issue 15 item 13 (REC-2 "type manual") in Chromium against the real office, worklist and portal: a collaborator
(French) opens "Nouvelle écriture manuelle" from the Peeters worklist, enters a purchase without a document, lands in
the annotation screen of the new proposal, processes it, and the worklist publishes it on proposal.validated with
origin manual and the amounts typed with decimal commas."""
from __future__ import annotations

import time
import uuid

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot
from portal_testkit.worklist_kit import master_data, publish, validated, wait_for_dossier, worklist_api

pytestmark = pytest.mark.e2e
COLLAB, ADMIN = LOGINS["COLLABORATOR"], LOGINS["ADMIN"]


def _with_master_data(platform, dossier_id: str) -> None:
    with office_api(platform, ADMIN.email, ADMIN.password) as api:
        office_id = api.get("/me").json()["office"]["id"]
    with worklist_api(platform, ADMIN.email, ADMIN.password) as api:
        wait_for_dossier(api, dossier_id)
        publish(platform, "ledger.synced", master_data(office_id, dossier_id))
        deadline = time.monotonic() + 60
        while not any(j["code"] == "ACH" for j in api.get(f"/dossiers/{dossier_id}/choices").json()["journals"]):
            assert time.monotonic() < deadline, "master data did not reach the worklist"
            time.sleep(0.3)


def test_a_collaborator_enters_a_purchase_without_a_document(platform, browser_page: Page):
    page, peeters = browser_page, dossier_ids(platform)["PEETERS"]
    _with_master_data(platform, peeters)
    number = f"KAS-{uuid.uuid4().hex[:6]}"
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{peeters}/worklist?list=purchases")
    page.locator("#new-manual-entry").click()
    expect(page.locator("h1")).to_contain_text("Nouvelle écriture manuelle")
    page.locator("#f-journal").select_option("ACH")
    page.locator("#f-period").select_option("2026-01")
    page.locator("#f-counterparty").fill("Brico Supplies NV")
    page.locator("#f-invoice_date").fill("2026-01-20")
    page.locator("#f-invoice_number").fill(number)
    page.locator("input[name='lines.1.account']").fill("604000")
    page.locator("select[name='lines.1.vat_code']").select_option("21")
    page.locator("input[name='lines.1.net_amount']").fill("41,32")
    page.locator("input[name='lines.1.vat_amount']").fill("8,68")
    screenshot(page, "manual-entry-form")
    page.locator("#create-entry").click()
    page.wait_for_url(lambda url: "/worklist/" in url)
    expect(page.locator("input[name='invoice_number']")).to_have_value(number)
    proposal_id = page.url.split("/worklist/")[1].split("?")[0]
    screenshot(page, "manual-entry-annotation")
    with worklist_api(platform, COLLAB.email, COLLAB.password) as api:
        shown = api.get(f"/dossiers/{peeters}/proposals/{proposal_id}").json()
        assert (shown["origin"], shown["status"], shown["counterparty"]["reference"]) == ("manual", "complete", "C1")
        assert shown["totals"] == {"net": "41.32", "vat": "8.68", "gross": "50.00"}
        assert api.patch(f"/dossiers/{peeters}/proposals/{proposal_id}", json={"review": True}).status_code == 200
        assert api.post(f"/dossiers/{peeters}/proposals/send",
                        json={"proposal_ids": [proposal_id]}).json()["done"] == [proposal_id]
    event = validated(platform, [proposal_id])[proposal_id]
    assert event["origin"] == "manual" and event["invoice_number"] == number and event["totals"]["gross"] == "50.00"
