"""Issue 15 item 11 (PAY-1, PAY-2) in Chromium on the real office, worklist, payments and portal: a purchase invoice
read as 5,756.21 is corrected to 4,904.94 and sent from the worklist; the Payments page then lists it to pay and Pay
prefills 4,904.94 (the reviewed value, never recognition's). By hand, "49,99" is taken, an execution date before today
is refused in German beside the date, and the form's example communication passes the mod-97 check."""
from __future__ import annotations

import re
import time
import uuid

import pytest
from playwright.sync_api import Page, expect
from stdnum.be import ogm_vcs

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot
from portal_testkit.worklist_kit import proposal, publish, wait_for, worklist_api

pytestmark = pytest.mark.e2e
CLIENT, ADMIN = LOGINS["FULL_ACCESS"], LOGINS["ADMIN"]
IBAN = "BE71096123456769"


def _open_payments(page: Page, dossier_id: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while (response := page.goto(f"/dossiers/{dossier_id}/payments")).status != 200:
        assert time.monotonic() < deadline, f"payments never knew the dossier: {response.status}"
        time.sleep(1)


def _reviewed_and_sent(platform, dossier_id: str, number: str) -> str:
    """Recognition read 5,756.21; the reviewer corrects it to 4,904.94 and sends it (the worklist's API)."""
    with office_api(platform, ADMIN.email, ADMIN.password) as api:
        office_id = api.get("/me").json()["office"]["id"]
    read = proposal(office_id, dossier_id, number, totals={"net": "4757.19", "vat": "999.02", "gross": "5756.21"},
                    counterparty={"status": "new", "name": "Amazon Web Services EMEA SARL", "iban": IBAN},
                    lines=[{"line_no": 1, "account": "604000", "vat_code": "21", "vat_rate": "21",
                            "net_amount": "4757.19", "vat_amount": "999.02"}])
    publish(platform, "proposal.created", read)
    pid = str(read.proposal_id)
    with worklist_api(platform, ADMIN.email, ADMIN.password) as api:
        wait_for(api, dossier_id, [pid])
        saved = api.patch(f"/dossiers/{dossier_id}/proposals/{pid}", json={"review": True, "lines": [
            {"account": "604000", "vat_code": "21", "vat_rate": "21", "net_amount": "4053.67", "vat_amount": "851.27"}]})
        assert saved.status_code == 200, saved.text
        sent = api.post(f"/dossiers/{dossier_id}/proposals/send", json={"proposal_ids": [pid]}).json()
        assert sent["done"] == [pid], sent
    return str(read.document_id)


def test_a_sent_invoice_is_listed_to_pay_with_its_reviewed_amount(platform, browser_page: Page):
    page, schmitz = browser_page, dossier_ids(platform)["SCHMITZ"]
    number = f"AWS-{uuid.uuid4().hex[:6]}"
    document_id = _reviewed_and_sent(platform, schmitz, number)
    log_in(page, CLIENT.email, CLIENT.password)
    _open_payments(page, schmitz)
    row = page.locator(f"tr[data-document='{document_id}']")
    deadline = time.monotonic() + 60
    while row.count() == 0:  # payments follows proposal.validated asynchronously
        assert time.monotonic() < deadline, "the sent invoice never reached the list to pay"
        time.sleep(1)
        page.reload()
    expect(page.locator("#to-pay")).to_have_text("Zu zahlende Rechnungen")
    expect(row).to_contain_text(number)
    expect(row).to_contain_text("4.904,94\xa0€")
    screenshot(page, "payments-to-pay")
    row.get_by_role("button").click()
    expect(page.locator("#f-amount")).to_have_value("4904.94")
    expect(page.locator("h1")).to_contain_text("4.904,94")
    assert "5756" not in page.content()
    page.goto(f"/dossiers/{schmitz}/payments")
    expect(page.locator(f"tr[data-document='{document_id}']")).to_have_count(0)  # it has a payment now


def test_a_payment_by_hand_takes_a_decimal_comma_and_refuses_a_date_before_today(platform, browser_page: Page):
    page, schmitz = browser_page, dossier_ids(platform)["SCHMITZ"]
    log_in(page, CLIENT.email, CLIENT.password)
    _open_payments(page, schmitz)
    page.get_by_role("link", name="Neue Zahlung").click()
    example = re.search(r"\+\+\+[\d/]+\+\+\+", page.locator("#f-communication_kind").inner_text()).group(0)
    assert ogm_vcs.is_valid(example.strip("+"))
    page.get_by_label("Betrag (EUR)").fill("49,99")
    page.get_by_label("Ausführungsdatum").fill("2020-01-01")
    page.get_by_label("Name des Empfängers").fill("Kiosk Schmitz")
    page.get_by_label("IBAN").fill(IBAN)
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#execution_date-error")).to_contain_text("Das Ausführungsdatum darf nicht vor heute liegen")
    screenshot(page, "payment-date-refused")
    page.get_by_label("Ausführungsdatum").fill("")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("h1")).to_contain_text("49,99\xa0€")
