"""Issue 16's conversations in a real browser against the real office, notify (with the object store) and portal,
at 1280 px and on a 390 px phone: the client's "VAT return OK" with its confirmation step (COM-2) and the office's
mark, a reply with a PDF and its download (COM-1), editing one's own message (COM-4), closing and archiving, the
template picker (COM-5) and one message to many dossiers from the dossier list (COM-3). The client administrator
reads German and the collaborator French, so the pages are checked in those languages too."""
from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, screenshot

pytestmark = pytest.mark.e2e
COLLAB, CLIENT, ADMIN = LOGINS["COLLABORATOR"], LOGINS["ADMINISTRATOR"], LOGINS["ADMIN"]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n"


def _messages(page: Page, dossier: str, selector: str, timeout: float = 60.0) -> None:
    """Open the dossier's Messages page until `selector` shows (notify learns the dossier over Kafka)."""
    deadline = time.monotonic() + timeout
    while True:
        response = page.goto(f"/dossiers/{dossier}/messages")
        if response and response.ok and page.locator(selector).count():
            return
        assert time.monotonic() < deadline, f"no {selector} on the Messages page"
        time.sleep(1)


def _confirm_vat(page: Page, dossier: str) -> str:
    _messages(page, dossier, "#vat-return-ok")
    period = page.locator("#f-vat-period").input_value()
    page.locator("#vat-return-ok").click()
    expect(page.locator("#vat-confirm")).to_contain_text(period)  # the confirmation step, nothing sent yet
    page.locator("#vat-confirm-send").click()
    expect(page.locator("#vat-notice")).to_contain_text(period)
    expect(page.locator(f'.vat-confirmations [data-period="{period}"]')).to_be_visible()
    return period


def test_vat_return_attachments_edits_archive_templates_and_broadcast(platform, browser_page: Page, tmp_path: Path):
    page, tag = browser_page, uuid.uuid4().hex[:6]
    peeters = dossier_ids(platform)["PEETERS"]
    log_in(page, CLIENT.email, CLIENT.password)
    period = _confirm_vat(page, peeters)
    expect(page.locator("#vat-notice")).to_contain_text("Steuerbüro")  # Dana reads German
    screenshot(page, "conversations-vat-confirmed-1280")
    page.locator("#vat-return-ok").click()
    page.locator("#vat-confirm-send").click()
    expect(page.locator("#vat-notice")).to_contain_text("bereits")  # already confirmed: when and by whom

    page.locator(f'.thread a:has-text("{period}")').click()
    pdf = tmp_path / f"receipt-{tag}.pdf"
    pdf.write_bytes(PDF)
    page.locator("#f-reply").fill(f"Receipt {tag} attached")
    page.locator("#f-files").set_input_files(str(pdf))
    page.locator("form.reply button[type=submit]").click()
    expect(page.locator(f'a.attachment:has-text("receipt-{tag}.pdf")')).to_be_visible()
    mine = page.locator(f'.message.mine:has-text("Receipt {tag} attached")')
    mine.locator("details.edit-message summary").click()
    mine.locator("textarea").fill(f"Receipt {tag} attached (the lunch)")
    mine.locator("details.edit-message button[type=submit]").click()
    expect(page.locator(".message.mine .edited")).to_be_visible()
    screenshot(page, "conversations-thread-attachment-edited-1280")
    thread_url = page.url.split("#")[0]

    page.context.clear_cookies()
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{peeters}/messages")
    expect(page.locator(f'.vat-confirmations [data-period="{period}"]')).to_contain_text("Dana")
    page.goto(thread_url)
    expect(page.locator("#thread-body")).to_contain_text(f"Receipt {tag} attached (the lunch)")
    expect(page.locator(".message .edited")).to_contain_text("modifié")  # Bart reads French
    href = page.locator(f'a.attachment:has-text("receipt-{tag}.pdf")').get_attribute("href")
    got = page.request.get(href)
    assert got.status == 200 and got.body() == PDF and got.headers["content-type"] == "application/pdf"
    page.locator('form[action$="/close"] button').click()
    page.locator("#archive-conversation").click()
    expect(page.locator(f'.thread a:has-text("{period}")')).to_have_count(0)
    page.locator("#filter-archived").click()
    expect(page.locator(f'.thread a:has-text("{period}")')).to_be_visible()

    page.goto(f"/dossiers/{peeters}/messages")
    page.locator("#f-template").select_option(index=0)
    page.locator("#use-template").click()
    expect(page.locator("#f-subject")).to_have_value(re.compile("Bakkerij Peeters BV"))
    expect(page.locator("#f-text")).not_to_have_value(re.compile(r"\{\{"))
    page.locator("#f-text").fill(page.locator("#f-text").input_value() + f" ({tag})")
    screenshot(page, "conversations-template-picked-1280")
    page.locator('form[aria-labelledby="new-conversation"] button[type=submit]').click()
    expect(page.locator("#thread-body")).to_contain_text(f"({tag})")

    page.goto("/dossiers?q=Peeters")
    page.locator("#broadcast-link").click()
    expect(page.locator('#broadcast-form input[name="dossier_id"]:checked')).to_have_count(1)
    page.locator("#f-subject").fill(f"Year end {tag}")
    page.locator("#f-text").fill("Dear {{ dossier_name }}, the books close on 31 December.")
    page.locator("#broadcast-send").click()
    expect(page.locator("#broadcast-summary")).to_have_attribute("data-started", "1")
    screenshot(page, "conversations-broadcast-summary-1280")
    page.locator(".started a").first.click()
    expect(page.locator("#thread-body")).to_contain_text("Dear Bakkerij Peeters BV, the books close on 31 December.")


def test_the_phone_shows_the_vat_return_and_a_thread_with_its_attachment(platform, phone_page: Page, tmp_path: Path):
    page = phone_page
    schmitz = dossier_ids(platform)["SCHMITZ"]
    log_in(page, CLIENT.email, CLIENT.password)
    period = _confirm_vat(page, schmitz)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"the Messages page scrolls sideways: {width}px"
    screenshot(page, "conversations-vat-confirmed-390")
    page.locator(f'.thread a:has-text("{period}")').click()
    pdf = tmp_path / "phone.pdf"
    pdf.write_bytes(PDF)
    page.locator("#f-files").set_input_files(str(pdf))
    page.locator("form.reply button[type=submit]").click()
    expect(page.locator('a.attachment:has-text("phone.pdf")')).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"the thread scrolls sideways: {width}px"
    screenshot(page, "conversations-thread-attachment-390")
