"""The office's synchronisation screen (SYN-4, SYN-5, ACT-2) and the monitor's new columns (ACT-1) in Debian
chromium against the running stack (`make up`: portal, office, sync-connector with Tryton, ingest, notify, demo seed),
at 1280 px and on a 390 px phone, for each collaborator role: what each sees and may do (the permission matrix's
sync.view / sync.run / sync.full), a manual sync that really runs and shows up in the list, the full resync's
confirmation, every client profile refused. Screenshots with BF_E2E_SCREENSHOTS=<dir>. Skipped when the stack's
portal does not answer."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page

from portal_testkit.browser import LOGINS, log_in, screenshot
from portal_testkit.stack_browser import (client_dossier, dossier_link, stack_page, stack_portal,  # noqa: F401
                                          within_screen)

pytestmark = pytest.mark.e2e
FORMS = {"ADMIN": ("#manual-sync", "#full-sync"), "COLLABORATOR": ("#manual-sync",), "SUPPORT": ()}  # see below
CLIENTS = ("ADMINISTRATOR", "FULL_ACCESS", "DOCUMENT_PROCESSING", "DOCUMENT_PROCESSING_ARCHIVE", "FULL_FEEDBACK",
           "DOCUMENT_DELIVERY")


@pytest.mark.parametrize("role", list(FORMS))
def test_each_role_sees_the_sync_screen_with_its_forms(stack_page: Page, role: str):
    """Brasserie Dupont (linked to Tryton): status, runs, and only the forms the matrix allows; the tab leads there;
    the page fits the screen; a POST beyond the role is 403. The demo's SUPPORT works Dupont's worklists only
    (OFF-2): no tab, 403."""
    page, login = stack_page, LOGINS[role]
    log_in(page, login.email, login.password)
    dossier = dossier_link(page, "Brasserie Dupont SRL")
    page.goto(f"{dossier}/settings" if role != "SUPPORT" else f"{dossier}/worklist")
    tab = page.locator(f'a[href="{dossier}/sync"]')
    if role == "SUPPORT":
        assert tab.count() == 0 and page.goto(f"{dossier}/sync").status == 403
        return
    assert tab.count() == 1, "the dossier's navigation offers Synchronisation"
    assert page.goto(f"{dossier}/sync").status == 200
    assert page.locator("#sync-status [data-status]").count() == 1
    for form in ("#manual-sync", "#full-sync"):
        assert page.locator(form).count() == (1 if form in FORMS[role] else 0), (role, form)
    within_screen(page, "h1", "#sync-status")
    if FORMS[role]:
        within_screen(page, *(f"{form} button" if form == "#manual-sync" else f"{form} summary" for form in FORMS[role]))
    if page.locator("table.sync-runs tr[data-run]").count():
        within_screen(page, "table.sync-runs tr[data-run] td:last-child")
    screenshot(page, f"sync-{role.lower()}-{page.viewport_size['width']}")
    if FORMS[role] == ("#manual-sync",):  # a collaborator's browser posting a full resync anyway: refused
        with page.expect_response(lambda r: r.url.endswith("/sync/full")) as answer:
            page.evaluate("""() => { const form = document.querySelector('#manual-sync');
                form.action = form.action + '/full';
                const tick = document.createElement('input');
                tick.type = 'hidden'; tick.name = 'confirm'; tick.value = 'yes';
                form.appendChild(tick); form.submit(); }""")
        assert answer.value.status == 403


def test_a_manual_sync_runs_and_a_full_resync_needs_the_confirmation(stack_page: Page):
    """The admin asks for a manual sync (no option: nothing changes in the books); the page says it is asked for
    and, once the connector has run it against Tryton, the run is listed as Manual; the full resync without the tick
    is refused on the page (422) and nothing is asked."""
    page, admin = stack_page, LOGINS["ADMIN"]
    if page.viewport_size["width"] < 600:
        pytest.skip("the sync itself runs once (desktop); the phone layout is checked above")
    log_in(page, admin.email, admin.password)
    dossier = dossier_link(page, "Brasserie Dupont SRL")
    page.goto(f"{dossier}/sync")
    before = page.locator("table.sync-runs tr[data-reason=manual]").count()
    page.locator("#manual-sync button[type=submit]").click()
    page.wait_for_url(lambda url: "notice=sync_requested" in url)
    assert page.locator(".alert.success").is_visible()
    deadline = time.monotonic() + 120
    while page.locator("table.sync-runs tr[data-reason=manual]").count() <= before and time.monotonic() < deadline:
        time.sleep(3)
        page.reload()
    assert page.locator("table.sync-runs tr[data-reason=manual]").count() > before, "the manual run is listed"
    screenshot(page, "sync-after-manual-run")
    page.locator("#full-sync summary").click()
    with page.expect_response(lambda r: r.url.endswith("/sync/full")) as answer:
        page.locator("#full-sync button[type=submit]").click()
    assert answer.value.status == 422
    assert page.locator("#confirm-error").is_visible()


@pytest.mark.parametrize("profile", CLIENTS)
def test_no_client_profile_reaches_the_sync_screen(stack_page: Page, profile: str):
    """The permission-matrix walk of the new route: sync.view is the office's, every client profile gets 403."""
    page, login = stack_page, LOGINS[profile]
    if page.viewport_size["width"] < 600:
        pytest.skip("the refusal does not depend on the screen")
    log_in(page, login.email, login.password)
    dossier = client_dossier(page)
    assert page.goto(f"/dossiers/{dossier}/sync").status == 403
    assert page.goto("/monitor").status == 403


def test_the_monitor_shows_mailboxes_conversations_and_the_sync_screen(stack_page: Page):
    """ACT-1: "In mailboxes" and "Conversations" carry figures (no longer "not available yet"), the sync status
    links to the sync screen, and the table scrolls inside its box on a phone."""
    page, admin = stack_page, LOGINS["ADMIN"]
    log_in(page, admin.email, admin.password)
    assert page.goto("/monitor").status == 200
    for column in ("uploaded_not_sent", "open_conversations"):
        assert page.locator(f'th[data-column="{column}"]').count() == 1, column
    assert page.locator('td.not-fed[title*="ingest"], td.not-fed[title*="notify"]').count() == 0
    status = page.locator('table.monitor a[href$="/sync"]').first
    within_screen(page, "h1", "#monitor-table")
    screenshot(page, f"monitor-{page.viewport_size['width']}")
    href = status.get_attribute("href")
    assert page.goto(href).status == 200 and page.locator("#sync-status").count() == 1
