"""The office's list editors (OFF-3), a dossier's API keys (ING-4) and the active-clients monitor (ACT-1) in the
browser, checked through the office API."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot

pytestmark = pytest.mark.e2e
ADMIN = LOGINS["ADMIN"]


def test_admin_adds_a_journal_template_and_a_bad_format_is_shown_in_its_cell(platform, browser_page):
    """OFF-3: add a row, type, save; a format without {seq} is refused next to the cell, the typing stays."""
    page, alias = browser_page, f"K{uuid.uuid4().hex[:4].upper()}"
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/office/lists/journal_templates")
    rows = page.locator("table.rows tbody tr")
    before = rows.count()
    page.locator("form.list-editor button[value=add]").click()
    expect(rows).to_have_count(before + 1)
    new = rows.nth(before)
    new.locator(f"input[name='r{before}.alias']").fill(alias)
    new.locator(f"input[name='r{before}.description']").fill("Cash book")
    new.locator(f"select[name='r{before}.type']").select_option("financial")
    new.locator(f"input[name='r{before}.number_format']").fill("K-{year}")
    page.locator("form.list-editor .actions button[value=save]").click()
    expect(page.locator(f"#e{before}-number_format")).to_be_visible()
    assert page.locator(f"input[name='r{before}.alias']").input_value() == alias
    screenshot(page, "journal-templates-error")
    page.locator(f"input[name='r{before}.number_format']").fill("K-{year}/{seq:04}")
    page.locator("form.list-editor .actions button[value=save]").click()
    page.locator(".alert.success").wait_for()
    screenshot(page, "journal-templates-saved")
    with office_api(platform, ADMIN.email, ADMIN.password) as api:
        templates = {t["alias"]: t for t in api.get("/office").json()["journal_templates"]}
    assert templates[alias]["number_format"] == "K-{year}/{seq:04}" and templates[alias]["type"] == "financial"


def test_admin_creates_copies_and_revokes_an_api_key(platform, browser_page):
    """ING-4: the key is shown once with a copy button; after revoking, the office refuses it."""
    page = browser_page
    dupont = dossier_ids(platform)["DUPONT"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto(f"/dossiers/{dupont}/api-keys")
    page.locator("#f-name").fill("Scanner e2e")
    page.locator("#f-mailbox").select_option("sales")
    page.locator(f"form[action='/dossiers/{dupont}/api-keys'] button[type=submit]").click()
    key = page.locator("#new-key").input_value()
    assert key.startswith("bfk_")
    copy = page.locator("button[data-copy]")
    copy.click()
    expect(copy).to_have_text(copy.get_attribute("data-copied"))
    assert page.evaluate("navigator.clipboard.readText()") == key
    screenshot(page, "api-key-created")
    import httpx
    assert httpx.post(f"{platform.office.url}/auth/api-token", json={"api_key": key}).status_code == 200
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr", has_text="Scanner e2e").locator("form[action$='/revoke'] button").click()
    page.locator(".alert.success").wait_for()
    assert page.locator("#new-key").count() == 0
    screenshot(page, "api-key-revoked")
    assert httpx.post(f"{platform.office.url}/auth/api-token", json={"api_key": key}).status_code == 401


def test_monitor_sorts_in_three_states_and_hides_columns(platform, browser_page):
    """ACT-1: click the dossier header: ascending, descending, back to by name; untick a column; "—" for unfed
    (services not reporting yet; the worklist's counters are there)."""
    page = browser_page
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/monitor")
    header = page.locator("th[data-column='name']")
    expect(header).to_have_attribute("aria-sort", "none")
    header.locator("a").click()
    expect(page.locator("th[data-column='name']")).to_have_attribute("aria-sort", "ascending")
    names = page.locator("table.monitor tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names)
    page.locator("th[data-column='name'] a").click()
    expect(page.locator("th[data-column='name']")).to_have_attribute("aria-sort", "descending")
    assert page.locator("table.monitor tbody tr td:first-child a").all_inner_texts() == sorted(names, reverse=True)
    page.locator("th[data-column='name'] a").click()
    expect(page.locator("th[data-column='name']")).to_have_attribute("aria-sort", "none")
    unfed = page.locator("td.not-fed").evaluate_all("cells => cells.map(c => c.title)")
    assert unfed and not any("worklist" in title for title in unfed)  # the worklist's counters are merged in
    screenshot(page, "monitor")
    page.locator("details.chooser summary").click()
    page.locator("input[name=col][value=help_requests]").uncheck()
    expect(page.locator("th[data-column='help_requests']")).to_have_count(0)
    screenshot(page, "monitor-columns")
