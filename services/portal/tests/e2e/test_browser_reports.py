"""The feedback screens (issue 16: REP-1 dashboard, REP-4 history, REP-3 archive) in Debian chromium against the
running stack (`make up`: its portal, office, reporting and ingest with the demo seed and whatever the stack has
booked), at 1280 px and on a 390 px phone: each page answers, shows its parts, and nothing important lies outside
the screen's width. Screenshots with BF_E2E_SCREENSHOTS=<dir>. Skipped when the stack's portal does not answer."""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright
from runtime.config import Settings

from portal_testkit.browser import LOGINS, log_in, screenshot

pytestmark = pytest.mark.e2e
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def stack_portal() -> str:
    url = Settings(service="e2e").service_url("portal")
    try:
        httpx.get(f"{url}/healthz", timeout=3).raise_for_status()
    except httpx.HTTPError:
        pytest.skip(f"the running stack's portal ({url}) does not answer: make up")
    return url


@pytest.fixture(params=list(WIDTHS))
def stack_page(request, stack_portal: str) -> Iterator[Page]:
    """A fresh Chromium at the width of the parameter (the phone one with touch), on the stack's portal."""
    profile = tempfile.mkdtemp(prefix="bf-chromium-reports-")
    width = WIDTHS[request.param]
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True, locale="en-GB",
            viewport={"width": width, "height": 844 if width < 600 else 900}, has_touch=width < 600,
            is_mobile=width < 600, base_url=stack_portal)
        context.set_default_timeout(30_000)  # the 2-core machine under a full suite
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def within_screen(page: Page, *selectors: str) -> None:
    """No horizontal scrolling of the page, and each element's box inside the screen's width."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    for selector in selectors:
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (selector, box, width)


def dossier_link(page: Page, name: str) -> str:
    page.goto("/dossiers")
    return page.get_by_role("link", name=name, exact=True).first.get_attribute("href")


def test_dashboard_history_and_archive_fit_the_screen(stack_page: Page):
    """The office admin on Brasserie Dupont (booked by the stack's own flows): 12 months in the chart, the key
    figures, the history's filters and figures, the archive's search and rows; a document opens with its preview
    or says it has none; every page fits the screen."""
    page, admin = stack_page, LOGINS["ADMIN"]
    log_in(page, admin.email, admin.password)
    dossier = dossier_link(page, "Brasserie Dupont SRL")
    width = page.viewport_size["width"]
    assert page.goto(f"{dossier}/dashboard").status == 200
    assert page.locator("figure.chart svg g.month").count() == 12
    assert page.locator("ul.figures li[data-figure]").count() >= 6
    within_screen(page, "h1", "ul.figures li[data-figure=turnover]", "ul.figures li[data-figure=payables]",
                  "figure.chart svg", "table.months td:last-child")
    screenshot(page, f"reports-dashboard-{width}")
    assert page.goto(f"{dossier}/history?side=suppliers").status == 200
    assert page.locator("form.filters select[name=side]").input_value() == "suppliers"
    within_screen(page, "h1", "form.filters button[type=submit]", "ul.figures li[data-figure=open]")
    if page.locator("table.history tr[data-invoice]").count():
        within_screen(page, "table.history tr[data-invoice] td[data-label]:last-child")
    screenshot(page, f"reports-history-{width}")
    assert page.goto(f"{dossier}/archive").status == 200
    within_screen(page, "h1", "form.filters input[name=q]", "form.filters button[type=submit]")
    screenshot(page, f"reports-archive-{width}")
    documents = page.locator("tr[data-document] a")
    if documents.count():
        assert page.goto(documents.first.get_attribute("href")).status == 200
        assert page.locator("#document-facts").is_visible()
        assert page.locator("figure.archive-preview img, #no-preview").count() == 1
        within_screen(page, "h1", "#document-facts")
        screenshot(page, f"reports-archive-document-{width}")


def test_a_client_finds_the_screens_on_its_portal_home(stack_page: Page):
    """The client administrator of Schmitz reaches Dashboard, History and Archive from the home tiles (no longer
    "being prepared" or 403), in German, their language."""
    page, client = stack_page, LOGINS["ADMINISTRATOR"]
    log_in(page, client.email, client.password)
    page.goto("/client")
    schmitz = page.locator("a", has_text="Atelier Schmitz GmbH")
    if schmitz.count():
        page.goto(schmitz.first.get_attribute("href"))
    for area, heading in (("dashboard", "Dashboard"), ("history", "Verlauf"), ("archive", "Archiv")):
        home = page.url
        assert page.goto(page.locator(f"a.tile[data-area={area}]").get_attribute("href")).status == 200, area
        assert page.locator("h1").inner_text().startswith(heading), area
        assert "being prepared" not in page.content()
        within_screen(page, "h1")
        page.goto(home)
