"""The mobile capture (ING-3) on an emulated phone (Playwright's iPhone 13 in Debian chromium): two photos taken
with the camera input become one 2-page PDF document, source "mobile", the photos kept as originals;
collaborators can neither open the page nor capture through ingest."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, screenshot
from portal_testkit.ingest_kit import ingest_api, listed, photo, wait_until_known

pytestmark = pytest.mark.e2e
CLIENT = LOGINS["DOCUMENT_PROCESSING"]  # Schmitz, Document processing: capture and view


def test_two_photos_become_one_two_page_document(platform, phone_page):
    """ING-3: from the dossier's tiles to the capture page; two shots, one send; ingest has one 2-page PDF."""
    page, schmitz = phone_page, dossier_ids(platform)["SCHMITZ"]
    with ingest_api(platform, CLIENT.email, CLIENT.password) as api:
        wait_until_known(api, schmitz)
        log_in(page, CLIENT.email, CLIENT.password)
        page.goto(f"/client/{schmitz}")
        page.locator("a.tile[data-area=capture]").click()  # a boosted navigation, as a person would get there
        page.wait_for_url(f"**/dossiers/{schmitz}/capture")
        camera = page.locator("#capture-input")
        assert camera.get_attribute("capture") == "environment" and camera.get_attribute("accept") == "image/*"
        for n, colour in ((1, (200, 170, 120)), (2, (150, 160, 190))):  # one shot at a time, as a camera gives them
            camera.set_input_files([{"name": f"IMG_{n:04d}.jpg", "mimeType": "image/jpeg",
                                     "buffer": photo(f"Receipt page {n}", colour)}])
        expect(page.locator("#capture-list li")).to_have_count(2)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
        screenshot(page, "capture-phone")
        page.locator("#capture-send").click()
        status = page.locator("#capture-status")
        expect(status).to_have_attribute("data-status", "201")
        expect(status).to_contain_text("(2)")
        expect(page.locator("#capture-list li")).to_have_count(0)
        screenshot(page, "capture-sent")
        filename = status.inner_text().removeprefix("✓ ").rsplit(" (", 1)[0]
        assert filename == "opname van 2 foto's.pdf", "named in Fien's language (issue 15), not capture-2-photos.pdf"
        [doc] = [d for d in listed(api, schmitz, "purchases", filename) if d["filename"] == filename]
        assert (doc["source"], doc["page_count"], doc["content_type"], doc["has_original"]) == \
            ("mobile", 2, "application/pdf", True)
        content = api.get(f"/dossiers/{schmitz}/documents/{doc['id']}/content")
        assert content.status_code == 200 and content.content.startswith(b"%PDF")


def test_a_collaborator_cannot_open_the_capture(platform, browser_page):
    """ING-3: the capture is for client users only: 403 in the portal and at ingest, even for the office's ADMIN."""
    page, schmitz = browser_page, dossier_ids(platform)["SCHMITZ"]
    for role in ("COLLABORATOR", "ADMIN"):
        login = LOGINS[role]
        log_in(page, login.email, login.password)
        assert page.goto(f"/dossiers/{schmitz}/capture").status == 403
        assert page.locator("#capture-input").count() == 0
        page.context.clear_cookies()
        with ingest_api(platform, login.email, login.password) as api:
            wait_until_known(api, schmitz)
            refused = api.post(f"/dossiers/{schmitz}/mailboxes/purchases/capture",
                               files=[("files", ("IMG_1.jpg", photo("no", (90, 90, 90)), "image/jpeg"))])
            assert refused.status_code == 403, refused.text
