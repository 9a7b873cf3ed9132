"""Payments in a real browser against the real office, payments service and portal (PAY-2, PAY-3, PAY-6): a
full-access client makes a payment by hand, makes it ready (approval is off), selects it under To execute, sees
"Execute 1 payment for €123.45", gives the debtor account and downloads the pain.001 file the service made. The demo
client reads German, so the page texts are the German catalogue's."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, screenshot

pytestmark = pytest.mark.e2e
CLIENT = LOGINS["FULL_ACCESS"]
CREDITOR_IBAN, DEBTOR_IBAN = "NL91ABNA0417164300", "BE71096123456769"


def _open_payments(page: Page, dossier_id: str, timeout_s: float = 60.0) -> None:
    """The Payments page, once payments has the dossier from the office's dossier.changed (403 until then)."""
    deadline = time.monotonic() + timeout_s
    while (response := page.goto(f"/dossiers/{dossier_id}/payments")).status != 200:
        assert time.monotonic() < deadline, f"payments never knew the dossier: {response.status}"
        time.sleep(1)


def test_a_client_pays_by_sepa_file_and_downloads_it(platform, browser_page, tmp_path: Path):
    page, schmitz = browser_page, dossier_ids(platform)["SCHMITZ"]
    log_in(page, CLIENT.email, CLIENT.password)
    _open_payments(page, schmitz)
    expect(page.locator("nav.tabs a", has_text="Zahlungen")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Neue Zahlung").click()
    page.get_by_label("Betrag (EUR)").fill("123.45")
    page.get_by_label("Name des Empfängers").fill("Browser Supplies BV")
    page.get_by_label("IBAN").fill(CREDITOR_IBAN)
    page.get_by_label("Verwendungszweck", exact=True).select_option("free")
    page.get_by_label("Text des Verwendungszwecks").fill("Invoice 2026-042")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("h1")).to_contain_text("Browser Supplies BV")
    page.get_by_role("button", name="Bereit zur Ausführung").click()
    expect(page.locator("[data-state]")).to_have_text("Auszuführen")
    page.locator("p.crumbs a", has_text="Zahlungen").click()
    page.get_by_role("checkbox", name="Browser Supplies BV").check()
    page.get_by_role("button", name="Ausgewählte Zahlungen ausführen").click()
    execute = page.locator("#execute")
    expect(execute).to_have_text("1 Zahlung über 123,45 € ausführen")
    page.get_by_label("Kontoinhaber").fill("Schmitz BVBA")
    page.get_by_label("Belastetes Konto (IBAN)").fill(DEBTOR_IBAN)
    execute.click()
    screenshot(page, "payments-sepa-file")
    link = page.get_by_role("link", name="XML-Datei herunterladen")
    with page.expect_download() as got:
        link.click()
    saved = tmp_path / got.value.suggested_filename
    got.value.save_as(saved)
    xml = saved.read_bytes()
    assert got.value.suggested_filename.endswith(".xml") and b"pain.001.001.03" in xml
    assert CREDITOR_IBAN.encode() in xml and DEBTOR_IBAN.encode() in xml and b"123.45" in xml
    expect(page.locator("table[aria-label='Ausgeführt']")).to_contain_text("Browser Supplies BV")
