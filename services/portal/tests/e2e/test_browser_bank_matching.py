"""Issue 17 item 3: matching by hand a bank line the rules left, in Debian chromium against the running stack
(`make up`) at 1280 px and on a 390 px phone. A CODA statement of Dupont's account with a line from an unknown
account and no reference is uploaded into the bank mailbox and imported by the sync-connector; the office opens
the statement, follows the line's Match link, ticks two open invoices that do not make the line's amount and gets
the sync-connector's refusal on the page with its ticks kept — everything within the screen's width. (The match
itself, reconciled in Tryton, is tests/e2e/test_bank_loop.py's.)"""
from __future__ import annotations

import time
import uuid
from datetime import date
from decimal import Decimal

import httpx
import pytest
from playwright.sync_api import Page, expect
from runtime.bankfiles import BankLine, BankStatement
from runtime.bankfiles.write import to_coda
from runtime.config import Settings

from portal_testkit.browser import LOGINS, log_in, screenshot
from portal_testkit.stack_browser import stack_page, stack_portal, within_screen  # noqa: F401

pytestmark = pytest.mark.e2e
OFFICE = LOGINS["COLLABORATOR"]
DUPONT_IBAN = "BE71096123456769"  # the bank account of the demo dossier Dupont (sync_connector_bench.demo)


@pytest.fixture(scope="module")
def statement(stack_portal: str) -> tuple[str, str]:  # noqa: F811
    """(dossier, file) of a freshly imported statement whose one line no rule matches."""
    url = {s: Settings(service="e2e").service_url(s) for s in ("office", "ingest", "sync-connector")}
    with httpx.Client(timeout=60) as http:
        token = http.post(f"{url['office']}/auth/login", json={"email": OFFICE.email, "password": OFFICE.password}
                          ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        dossier = next(d["id"] for d in http.get(f"{url['office']}/me", headers=auth).json()["dossiers"]
                       if d.get("code") == "DUPONT")
        opening = Decimal(40000) + Decimal(uuid.uuid4().int % 997)
        line = BankLine("0001", date.today(), Decimal("-77.77"), communication="Betaling",
                        counterparty_name="Leverancier X", counterparty_iban="BE62510007547061")
        data = to_coda(BankStatement("coda", DUPONT_IBAN, "EUR", "779", date.today(), opening, opening + line.amount,
                                     (line,)))
        sent = http.post(f"{url['ingest']}/dossiers/{dossier}/mailboxes/bank/documents", headers=auth,
                         files=[("files", (f"browser-{uuid.uuid4().hex[:6]}.cod", data))])
        assert sent.status_code == 201, sent.text
        file_id = sent.json()["statements"][0]["statement_file_id"]
        deadline = time.monotonic() + 120
        while True:
            found = http.get(f"{url['sync-connector']}/dossiers/{dossier}/bank-statements/{file_id}", headers=auth)
            if found.status_code == 200 and found.json()["state"] == "imported":
                assert found.json()["lines"][0]["state"] == "unmatched", found.json()["lines"]
                return dossier, file_id
            assert time.monotonic() < deadline, f"the statement was not imported: {found.text[:300]}"
            time.sleep(1)


def test_the_office_is_told_when_the_invoices_ticked_do_not_fit(stack_page: Page, statement):  # noqa: F811
    page, (dossier, file_id) = stack_page, statement
    log_in(page, OFFICE.email, OFFICE.password)
    page.goto(f"/dossiers/{dossier}/bank/{file_id}")
    line = page.locator('tr[data-line="0001"]')
    expect(line).to_have_attribute("data-match", "unmatched")
    within_screen(page, 'tr[data-line="0001"] a.button')
    line.locator("a.button").click()
    candidates = page.locator("tr[data-candidate] input[name=reference]")
    expect(candidates.first).to_be_visible()
    assert candidates.count() >= 2
    within_screen(page, "tr[data-candidate]", "form[action$='/match'] button[type=submit]")
    candidates.nth(0).check()
    candidates.nth(1).check()
    page.locator("form[action$='/match'] button[type=submit]").click()
    expect(page.locator(".alert.error")).to_contain_text("77")
    assert page.locator("tr[data-candidate] input[name=reference]:checked").count() == 2
    within_screen(page, ".alert.error")
    screenshot(page, f"bank-match-refused-{page.viewport_size['width']}")
