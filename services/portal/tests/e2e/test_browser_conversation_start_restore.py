"""Issue 16's conversation gaps in a real browser against the real office, notify (with the object store) and
portal, at 1280 px and on a 390 px phone: the client starts a new conversation whose first message carries a PDF
(COM-1) — a file of another type is refused on the form in German, her language, with what she typed kept — the
office (in French) downloads it, closes and archives the conversation and restores it to the current list (COM-4)."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, screenshot

pytestmark = pytest.mark.e2e
COLLAB, CLIENT = LOGINS["COLLABORATOR"], LOGINS["ADMINISTRATOR"]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n"


def _messages(page: Page, dossier: str, timeout: float = 60.0) -> None:
    """Open the dossier's Messages page until its new-conversation form shows (notify learns the dossier over
    Kafka)."""
    deadline = time.monotonic() + timeout
    while True:
        response = page.goto(f"/dossiers/{dossier}/messages")
        if response and response.ok and page.locator("#f-new-files").count():
            return
        assert time.monotonic() < deadline, "no new-conversation form with files on the Messages page"
        time.sleep(1)


def _no_sideways_scroll(page: Page, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"{what} scrolls sideways: {width}px"


def test_a_new_conversation_with_a_pdf_then_archived_and_restored(platform, browser_page: Page, tmp_path: Path):
    page, tag = browser_page, uuid.uuid4().hex[:6]
    peeters = dossier_ids(platform)["PEETERS"]
    log_in(page, CLIENT.email, CLIENT.password)
    _messages(page, peeters)
    notes = tmp_path / f"notes-{tag}.txt"
    notes.write_bytes(b"just text, not a PDF")
    page.locator("#f-subject").fill(f"Leasing {tag}")
    page.locator("#f-text").fill("Der Vertrag für das neue Auto")
    page.locator("#f-new-files").set_input_files(str(notes))
    page.locator("#start-conversation").click()
    expect(page.locator("#new-files-error")).to_contain_text("Hängen Sie ein PDF")  # Dana reads German
    expect(page.locator("#f-subject")).to_have_value(f"Leasing {tag}")
    expect(page.locator("#f-text")).to_have_value("Der Vertrag für das neue Auto")
    expect(page.locator(f'.thread a:has-text("Leasing {tag}")')).to_have_count(0)  # nothing was started
    screenshot(page, "conversations-new-file-refused-1280")

    pdf = tmp_path / f"lease-{tag}.pdf"
    pdf.write_bytes(PDF)
    page.locator("#f-new-files").set_input_files(str(pdf))
    page.locator("#start-conversation").click()
    expect(page.locator("h1")).to_have_text(f"Leasing {tag}")
    expect(page.locator(f'a.attachment:has-text("lease-{tag}.pdf")')).to_be_visible()
    expect(page.locator("#thread-body")).to_contain_text("Der Vertrag für das neue Auto")
    screenshot(page, "conversations-new-with-file-1280")
    thread_url = page.url.split("#")[0]

    page.context.clear_cookies()
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(thread_url)
    href = page.locator(f'a.attachment:has-text("lease-{tag}.pdf")').get_attribute("href")
    got = page.request.get(href)
    assert got.status == 200 and got.body() == PDF and got.headers["content-type"] == "application/pdf"
    page.locator('form[action$="/close"] button').click()
    page.locator("#archive-conversation").click()
    expect(page.locator(f'.thread a:has-text("Leasing {tag}")')).to_have_count(0)
    page.locator("#filter-archived").click()
    page.locator(f'.thread a:has-text("Leasing {tag}")').click()
    expect(page.locator("#restore-conversation")).to_have_text("Restaurer la conversation")  # Bart reads French
    screenshot(page, "conversations-archived-restore-1280")
    page.locator("#restore-conversation").click()
    expect(page.locator("#filter-current")).to_have_attribute("aria-current", "page")
    expect(page.locator(f'.thread a:has-text("Leasing {tag}")')).to_be_visible()
    page.locator("#filter-archived").click()
    expect(page.locator(f'.thread a:has-text("Leasing {tag}")')).to_have_count(0)


def test_the_phone_starts_a_conversation_with_a_photo(platform, phone_page: Page, tmp_path: Path):
    page, tag = phone_page, uuid.uuid4().hex[:6]
    schmitz = dossier_ids(platform)["SCHMITZ"]
    log_in(page, CLIENT.email, CLIENT.password)
    _messages(page, schmitz)
    _no_sideways_scroll(page, "the Messages page")
    screenshot(page, "conversations-new-form-390")
    photo = tmp_path / f"receipt-{tag}.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.locator("#f-subject").fill(f"Receipt {tag}")
    page.locator("#f-new-files").set_input_files(str(photo))
    page.locator("#start-conversation").click()
    expect(page.locator(f'a.attachment:has-text("receipt-{tag}.png")')).to_be_visible()
    _no_sideways_scroll(page, "the new thread")
    screenshot(page, "conversations-new-with-photo-390")
