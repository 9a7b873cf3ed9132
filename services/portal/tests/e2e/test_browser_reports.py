"""The feedback screens (issue 16: REP-1 dashboard, REP-4 history, REP-3 archive) in Debian chromium against the
running stack (`make up`: its portal, office, reporting and ingest with the demo seed and whatever the stack has
booked), at 1280 px and on a 390 px phone: each page answers, shows its parts, and nothing important lies outside
the screen's width. Screenshots with BF_E2E_SCREENSHOTS=<dir>. Skipped when the stack's portal does not answer."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from portal_testkit.browser import LOGINS, log_in, screenshot
from portal_testkit.stack_browser import (client_dossier, dossier_link, stack_page, stack_portal,  # noqa: F401
                                          within_screen)

pytestmark = pytest.mark.e2e


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


def test_the_standard_reports_drill_down_and_files(stack_page: Page):
    """REP-2 on Brasserie Dupont as the office admin: each of the six reports answers and fits the screen (its table
    scrolls inside its box on a phone); a linked figure opens its entries, an entry with a document opens it; the
    Excel sheet and the PDF download."""
    page, admin = stack_page, LOGINS["ADMIN"]
    log_in(page, admin.email, admin.password)
    dossier = dossier_link(page, "Brasserie Dupont SRL")
    width = page.viewport_size["width"]
    for name in ("profit-and-loss", "balance-by-class", "aged-receivables", "aged-payables", "vat-summary",
                 "top-counterparties"):
        assert page.goto(f"{dossier}/reports?name={name}").status == 200, name
        assert page.locator(f'section.report[data-report="{name}"] h2').is_visible()
        within_screen(page, "h1", "form.filters button[type=submit]", "#report-pdf")
        if page.locator("table.report-table").count():
            within_screen(page, ".table-scroll")
        screenshot(page, f"reports-{name}-{width}")
    page.goto(f"{dossier}/reports?name=balance-by-class")
    figures = page.locator("table.report-table td a")
    if figures.count():
        page.goto(figures.first.get_attribute("href"))
        assert "/reports/entries?" in page.url
        assert page.locator("tr[data-entry]").count() >= 1
        within_screen(page, "h1", "#entries-total" if width >= 600 else "tr[data-entry]")
        screenshot(page, f"reports-entries-{width}")
        documents = page.locator("tr[data-entry] a[href*='/archive/']")
        if documents.count():
            assert page.goto(documents.first.get_attribute("href")).status == 200
    sheet = page.request.get(f"{dossier}/reports/export.xlsx?name=profit-and-loss")
    pdf = page.request.get(f"{dossier}/reports/print.pdf?name=profit-and-loss")
    assert sheet.status == 200 and sheet.body()[:2] == b"PK"
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"


REPORT_PROFILES = {"ADMINISTRATOR": 200, "FULL_ACCESS": 200, "FULL_FEEDBACK": 200, "DOCUMENT_PROCESSING": 403,
                   "DOCUMENT_PROCESSING_ARCHIVE": 403, "DOCUMENT_DELIVERY": 403}


@pytest.mark.parametrize("profile", list(REPORT_PROFILES))
def test_each_client_profile_reaches_the_reports_as_the_matrix_says(stack_page: Page, profile: str):
    """The permission-matrix walk of the new routes (report.view): the reports, their entries and files answer
    200 to the feedback profiles and 403 to the others, on the client's dossier."""
    page, login = stack_page, LOGINS[profile]
    if page.viewport_size["width"] < 600 and REPORT_PROFILES[profile] == 403:
        pytest.skip("a refusal does not depend on the screen")
    log_in(page, login.email, login.password)
    dossier = client_dossier(page)
    expected = REPORT_PROFILES[profile]
    for path in ("reports", "reports?name=vat-summary", "reports/entries?account=70", "reports/export.xlsx",
                 "reports/print.pdf"):
        assert page.request.get(f"/dossiers/{dossier}/{path}").status == expected, path
    if expected == 200:
        page.goto(f"/dossiers/{dossier}/reports")
        within_screen(page, "h1", "form.filters button[type=submit]")
        screenshot(page, f"reports-client-{profile.lower()}-{page.viewport_size['width']}")
