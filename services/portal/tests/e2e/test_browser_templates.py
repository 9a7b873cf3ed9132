"""The office's Templates page in a real Chromium against the real office, notify and portal (issue 16, COM-5,
COM-6), at 1280 px and on a 390 px phone, as the demo office's ADMIN (Dutch): the standard mails per language, a
mail edited with a placeholder notify refuses (its refusal in Dutch, the text kept), then saved with notify's preview
(the markup shown as text), back to the standard text after the confirmation; a conversation template added and
deleted after its confirmation. Screenshots of each page (BF_E2E_SCREENSHOTS or a temporary folder); no page
scrolls sideways."""
from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, log_in

pytestmark = pytest.mark.e2e
ADMIN = LOGINS["ADMIN"]
SHOTS = Path(os.environ.get("BF_E2E_SCREENSHOTS") or tempfile.mkdtemp(prefix="bf-templates-"))
MAIL = "/office/templates/mail/worklist.question/fr"


def shot(page: Page, name: str) -> None:
    """A screenshot at the page's width, and the page does not scroll sideways."""
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"templates-{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} at {width} px is {scroll} px wide (screenshots in {SHOTS})"


@pytest.mark.parametrize("device", ["browser_page", "phone_page"])
def test_the_admin_edits_a_mail_and_manages_conversation_templates(device: str, request: pytest.FixtureRequest):
    page: Page = request.getfixturevalue(device)
    tag = uuid.uuid4().hex[:6]
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/dossiers")
    page.locator("nav a[href='/office/templates']").click()
    expect(page.locator("h1")).to_have_text("Sjablonen")
    row = page.locator("tr[data-template='worklist.question']")
    expect(row.locator("td[data-language]")).to_have_count(4)
    shot(page, "list")

    row.locator(f"a[href='{MAIL}']").click()
    expect(page.locator("#body-help code", has_text="{{ question }}")).to_be_visible()
    page.fill("#f-subject", f"Question {tag}: {{{{ invoice_number }}}}")
    page.fill("#f-body", "Bonjour {{ nom_inconnu }}")
    page.locator("form.template-form button[type=submit]").click()
    expect(page.locator(".alert.error")).to_have_text(
        "Het sjabloon kan niet worden opgemaakt: controleer de plaatshouders en de syntaxis.")
    expect(page.locator("[data-detail]")).to_contain_text("nom_inconnu")
    expect(page.locator("#f-body")).to_have_value("Bonjour {{ nom_inconnu }}")
    shot(page, "refused")

    page.fill("#f-body", "Bonjour {{ recipient_name }},\n<b>{{ question }}</b>")
    page.locator("form.template-form button[type=submit]").click()
    expect(page.locator(".alert.success")).to_have_text("Het sjabloon is opgeslagen.")
    preview = page.locator(".template-preview")
    expect(preview).to_contain_text(f"Question {tag}: F2026-001")
    expect(preview.locator(".message-text")).to_contain_text("<b>Is this a private expense?</b>")  # text, not markup
    assert preview.locator("b").count() == 0
    shot(page, "preview")

    page.goto("/office/templates")
    expect(page.locator("tr[data-template='worklist.question'] td[data-language='fr'] .badge")).to_have_text(
        "Gewijzigd")
    page.goto(MAIL)
    page.locator(f"a[href='{MAIL}/reset']").click()
    expect(page.locator("#reset-title")).to_have_text("Terug naar de standaardtekst")
    shot(page, "reset")
    page.locator("form[action$='/reset'] button[type=submit]").click()
    expect(page.locator(".alert.success")).to_have_text("De standaardtekst wordt weer gebruikt.")
    expect(page.locator("tr[data-template='worklist.question'] td[data-language='fr'] .badge")).to_have_text(
        "Standaard")

    name = f"Herinnering {tag} <i>btw</i>"
    page.fill("#f-name", name)
    page.select_option("#f-language", "fr")
    page.fill("#f-subject", "TVA {{ previous_quarter }}")
    page.fill("#f-body", "Bonjour {{ recipient_name }},\nmerci.")
    page.locator("#new-conversation-template button[type=submit]").click()
    expect(page.locator(".alert.success")).to_have_text("Het gesprekssjabloon is toegevoegd.")
    added = page.locator("tr[data-conversation-template]", has_text=tag)
    expect(added.locator("td").first).to_have_text(name)  # the markup is text
    shot(page, "conversation")
    added.locator("a[href$='/delete']").click()
    expect(page.locator("#delete-title")).to_have_text("Gesprekssjabloon verwijderen")
    shot(page, "delete")
    page.locator("form[action$='/delete'] button[type=submit]").click()
    expect(page.locator(".alert.success")).to_have_text("Het gesprekssjabloon is verwijderd.")
    expect(page.locator("tr[data-conversation-template]", has_text=tag)).to_have_count(0)
