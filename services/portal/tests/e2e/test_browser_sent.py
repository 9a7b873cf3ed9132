"""Issue 15 item 5 (ING-9) in a real browser against the real office, ingest and portal: a client sends a document,
is told so and finds it among the sent documents; as the office's proposal (proposal.created), a refused posting and
then the booking (booking.recorded, on the test's topics that ingest reads) arrive, the list shows where it is —
in processing, at the office, being corrected, booked — with the dates, filterable by state, on a phone too."""
from __future__ import annotations

import time
import uuid

import pytest
from contracts.events.bookings import BookingRecorded
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot
from portal_testkit.ingest_kit import ingest_api, pdf, wait_until_known
from portal_testkit.worklist_kit import proposal, publish

pytestmark = pytest.mark.e2e
CLIENT = LOGINS["FULL_ACCESS"]  # Schmitz, Full access, reads German


def _state_in_ingest(platform, dossier: str, document_id: str, state: str, timeout: float = 60.0) -> None:
    """Wait until ingest's consumer moved the document to ``state`` (it reads the test's topics asynchronously)."""
    with ingest_api(platform, CLIENT.email, CLIENT.password) as api:
        deadline = time.monotonic() + timeout
        while not any(d["id"] == document_id for d in api.get(f"/dossiers/{dossier}/sent", params={
                "state": state, "per_page": 200}).json()["items"]):
            assert time.monotonic() < deadline, f"ingest did not reach {state}"
            time.sleep(0.3)


def _row_state(page: Page, url: str, name: str, state: str, label: str) -> None:
    page.goto(url)
    row = page.locator(f"table.docs tr[data-name='{name}']")
    expect(row).to_have_attribute("data-state", state)
    expect(row.locator(".sent-state")).to_have_text(label)


def test_a_client_follows_a_sent_document_until_it_is_booked(platform, browser_page: Page):
    page, t = browser_page, uuid.uuid4().hex[:6]
    schmitz = dossier_ids(platform)["SCHMITZ"]
    with office_api(platform, LOGINS["ADMIN"].email, LOGINS["ADMIN"].password) as office:
        office_id = office.get("/me").json()["office"]["id"]
    name = f"follow-{t}.pdf"
    with ingest_api(platform, CLIENT.email, CLIENT.password) as api:
        wait_until_known(api, schmitz)
        doc = api.post(f"/dossiers/{schmitz}/mailboxes/purchases/documents",
                       files=[("files", (name, pdf(f"Follow {t}", 1), "application/pdf"))]).json()["documents"][0]
    log_in(page, CLIENT.email, CLIENT.password)
    page.goto(f"/dossiers/{schmitz}/documents?box=purchases&q={t}")
    page.locator(f"tr[data-name='{name}'] input[name=ids]").check()
    page.locator("#send-selected").click()
    page.wait_for_url("**box=processing&sent=1")
    expect(page.locator("#sent-notice")).to_have_text(
        "1 Dokument an Ihren Buchhalter gesendet. Verfolgen Sie es hier, bis es gebucht ist.")
    sent_list = f"/dossiers/{schmitz}/documents?box=processing&q={t}"
    _row_state(page, sent_list, name, "processing", "In Bearbeitung")
    expect(page.locator(f"tr[data-name='{name}'] td.sent-at")).not_to_have_text("–")

    publish(platform, "proposal.created", proposal(office_id, schmitz, f"F-{t}", document_id=doc["id"],
                                                   occurred_at="2026-11-02T09:00:00+00:00"))
    _state_in_ingest(platform, schmitz, doc["id"], "at_office")
    _row_state(page, sent_list, name, "at_office", "Im Büro")
    expect(page.locator(f"tr[data-name='{name}'] td.office-at")).to_have_text("02.11.2026")

    def synced(outcome: str, day: str) -> BookingRecorded:
        return BookingRecorded(correlation_id="portal-e2e", office_id=office_id, dossier_id=schmitz, action="posted",
                               outcome=outcome, accounting_software="tryton", document_id=doc["id"],
                               proposal_id=uuid.uuid4(), error_code="TotalsDiffer" if outcome == "failed" else None,
                               occurred_at=f"{day}T09:00:00+00:00")

    publish(platform, "booking.recorded", synced("failed", "2026-11-03"))
    _state_in_ingest(platform, schmitz, doc["id"], "refused")
    _row_state(page, sent_list, name, "refused", "Im Büro: wird korrigiert")
    publish(platform, "booking.recorded", synced("succeeded", "2026-11-04"))
    _state_in_ingest(platform, schmitz, doc["id"], "booked")
    _row_state(page, sent_list, name, "booked", "Gebucht")
    expect(page.locator(f"tr[data-name='{name}'] td.booked-at")).to_have_text("04.11.2026")
    screenshot(page, "sent-documents")

    page.select_option("#state-filter", "processing")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**state=processing**")
    expect(page.locator(f"tr[data-name='{name}']")).to_have_count(0)
    page.select_option("#state-filter", "booked")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**state=booked**")
    expect(page.locator(f"tr[data-name='{name}']")).to_have_count(1)

    page.set_viewport_size({"width": 390, "height": 844})  # on a phone: a card, nothing wider than the screen
    _row_state(page, sent_list, name, "booked", "Gebucht")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator(f"tr[data-name='{name}'] .sent-state").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    screenshot(page, "sent-documents-phone")
