"""Issue 17 item 1 (PAY-10) in Chromium against the real office, worklist, payments and portal, at 1280 px and on a
390 px phone: with payment preparation on for Dupont, the office's collaborator opens a purchase proposal on the
annotation screen, follows "Prepare payment", finds the form prefilled from the proposal (amount, IBAN, structured
communication) beside the document, saves it, and lands on the payment's page as a draft for the client — each page
within the screen's width. The collaborator reads French; the checks go by ids and values, not texts."""
from __future__ import annotations

import time
import uuid

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot
from portal_testkit.stack_browser import within_screen
from portal_testkit.worklist_kit import proposal, publish, wait_for, worklist_api

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]  # the first test also starts the platform (minutes when busy)
OFFICE, ADMIN = LOGINS["COLLABORATOR"], LOGINS["ADMIN"]
IBAN, OGM = "BE71096123456769", "+++010/8068/17183+++"


def _proposal_on_dupont(platform) -> tuple[str, str]:
    """(dossier, proposal) — Dupont with payment preparation on, and a purchase proposal in its worklist."""
    dupont = dossier_ids(platform)["DUPONT"]
    with office_api(platform, ADMIN.email, ADMIN.password) as api:
        assert api.patch(f"/dossiers/{dupont}/settings", json={"payment_preparation": True}).status_code == 200
        office_id = api.get("/me").json()["office"]["id"]
    made = proposal(office_id, dupont, f"PREP-{uuid.uuid4().hex[:6]}", payment_reference=OGM,
                    counterparty={"status": "known", "name": "Proximus NV", "iban": IBAN, "reference": "PROX"})
    publish(platform, "proposal.created", made)
    with worklist_api(platform, OFFICE.email, OFFICE.password) as api:
        wait_for(api, dupont, [str(made.proposal_id)])
    return dupont, str(made.proposal_id)


def _open_prepare(page: Page, dossier: str, proposal_id: str, timeout_s: float = 60.0) -> None:
    """The prepared form, once payments has Dupont's settings from the office's dossier.changed (403 until then)."""
    deadline = time.monotonic() + timeout_s
    while (response := page.goto(f"/dossiers/{dossier}/worklist/{proposal_id}/payment")).status != 200:
        assert time.monotonic() < deadline, f"payments never allowed the preparation: {response.status}"
        time.sleep(1)


def test_the_office_prepares_a_payment_from_the_annotation_screen(platform, browser_page: Page):
    page = browser_page
    dupont, proposal_id = _proposal_on_dupont(platform)
    log_in(page, OFFICE.email, OFFICE.password)
    page.goto(f"/dossiers/{dupont}/worklist/{proposal_id}")
    link = page.locator("#prepare-payment")
    expect(link).to_have_attribute("href", f"/dossiers/{dupont}/worklist/{proposal_id}/payment")
    within_screen(page, "#prepare-payment")
    _open_prepare(page, dupont, proposal_id)
    expect(page.locator("#f-amount")).to_have_value("121.00")
    expect(page.locator("#f-creditor_iban")).to_have_value(IBAN)
    expect(page.locator("#f-communication_kind")).to_have_value("structured")
    expect(page.locator("#f-communication_text")).to_have_value(OGM)
    within_screen(page, "#f-amount", "#from-account")
    screenshot(page, "payment-prepared-1280")
    page.locator("form.card button[type=submit]").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "draft")
    expect(page.locator("h1")).to_contain_text("Proximus NV")
    within_screen(page, "h1")
    page.goto(f"/dossiers/{dupont}/worklist/{proposal_id}/payment")  # prepared once: the same payment opens
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "draft")


def test_the_prepared_form_fits_a_phone(platform, phone_page: Page):
    page = phone_page
    dupont, proposal_id = _proposal_on_dupont(platform)
    log_in(page, OFFICE.email, OFFICE.password)
    page.goto(f"/dossiers/{dupont}/worklist/{proposal_id}")
    expect(page.locator("#prepare-payment")).to_be_visible()
    within_screen(page, "#prepare-payment")
    _open_prepare(page, dupont, proposal_id)
    expect(page.locator("#f-amount")).to_have_value("121.00")
    within_screen(page, "#f-amount", "#f-creditor_iban", "#from-account", "form.card button[type=submit]")
    screenshot(page, "payment-prepared-390")
