"""Help inside the product in a real Chromium on the running stack (issue 16, PLT-3), at 1280 px and on a 390 px
phone: the office admin publishes a news item and withdraws it after confirming; a client sees the unread mark,
reads the news (its markup shown as text), the help button opens the help of the screen it is on, and the client
quick-start shows the dossier's real e-mail address and its welcome box goes once dismissed. Screenshots of each
page (BF_E2E_SCREENSHOTS or a temporary folder); no page scrolls sideways."""
from __future__ import annotations

import os
import re
import tempfile
import uuid
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from runtime.config import Settings

from portal_testkit.browser import LOGINS, log_in
from portal_testkit.stack_browser import client_dossier, dossier_link, stack_page, stack_portal  # noqa: F401

pytestmark = pytest.mark.e2e
ADMIN, CLIENT, COLLAB = LOGINS["ADMIN"], LOGINS["FULL_ACCESS"], LOGINS["COLLABORATOR"]  # nl admin, de client, fr
SHOTS = Path(os.environ.get("BF_E2E_SCREENSHOTS") or tempfile.mkdtemp(prefix="bf-help-"))
CLIENT_PROFILES = ("FULL_ACCESS", "ADMINISTRATOR", "DOCUMENT_PROCESSING", "DOCUMENT_PROCESSING_ARCHIVE",
                   "DOCUMENT_DELIVERY")


def shot(page: Page, name: str) -> None:
    """A screenshot at the page's width, and the page does not scroll sideways."""
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"help-{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} at {width} px is {scroll} px wide (screenshots in {SHOTS})"


def office(email: str, password: str) -> httpx.Client:
    url = Settings(service="e2e").service_url("office")
    token = httpx.post(f"{url}/auth/login", json={"email": email, "password": password}, timeout=10).json()
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=10)


def log_out(page: Page) -> None:
    page.context.clear_cookies()


def test_news_from_the_admin_reaches_the_client_and_is_withdrawn_after_confirming(stack_page: Page):
    page, tag = stack_page, uuid.uuid4().hex[:6]
    title = f"Kantoor gesloten {tag} <b>vrijdag</b>"
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/news/manage")
    page.locator("a[href='/news/new']").click()
    page.select_option("#f-audience", "both")
    page.fill("#f-title_all", title)
    page.fill("#f-text_all", "Vrijdag zijn we gesloten.\nMaandag weer open.")
    shot(page, "form")
    page.locator("form.news-form button[type=submit]").click()
    expect(page.locator(".alert.success")).to_contain_text("Het nieuwsbericht is gepubliceerd.")
    shot(page, "manage")
    log_out(page)
    log_in(page, CLIENT.email, CLIENT.password)
    expect(page.locator("nav a[href='/news'] [data-news-unread]")).to_be_visible()
    page.locator("nav a[href='/news']").click()
    item = page.locator("article.news-item", has_text=tag)
    expect(item.locator("h2")).to_contain_text(title)  # the markup is text
    expect(item.locator(".news-text")).to_have_text("Vrijdag zijn we gesloten.\nMaandag weer open.")
    assert page.locator("article.news-item h2 b").count() == 0
    shot(page, "news")
    page.reload()
    expect(page.locator("nav a[href='/news']")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.locator("nav a[href='/news'] [data-news-unread]")).to_have_count(0)
    log_out(page)
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/news/manage")
    page.locator("tr", has_text=tag).locator("a[href$='/withdraw']").click()
    expect(page.locator("#withdraw-title")).to_have_text("Nieuwsbericht intrekken")
    shot(page, "withdraw")
    page.locator("form[action$='/withdraw'] button[type=submit]").click()
    expect(page.locator(".alert.success")).to_contain_text("ingetrokken")
    page.goto("/news")
    expect(page.locator("article.news-item", has_text=tag)).to_have_count(0)


def test_the_help_button_opens_the_help_of_the_screen(stack_page: Page):
    page = stack_page
    log_in(page, COLLAB.email, COLLAB.password)
    worklist = dossier_link(page, "Brasserie Dupont SRL") + "/worklist"
    page.goto(worklist + "?list=purchases")
    page.locator("a.help-button").click()
    expect(page.locator("article.help-topic h1")).to_have_text("Aide : liste de travail")
    shot(page, "topic")
    page.locator("article.help-topic a.button").click()  # back to the screen (its path)
    expect(page).to_have_url(re.compile(re.escape(worklist) + "$"))


def test_the_quick_start_shows_the_dossiers_real_address(stack_page: Page):
    page = stack_page
    log_in(page, CLIENT.email, CLIENT.password)
    dossier = client_dossier(page)
    with office(CLIENT.email, CLIENT.password) as api:
        purchases = api.get(f"/dossiers/{dossier}").json()["mailboxes"]["purchases"]
    page.goto(f"/client/{dossier}")
    page.locator("p.quick-start-link a").click()
    expect(page.locator("code[data-mailbox='purchases']")).to_have_text(purchases)
    for step in ("#qs-send", "#qs-follow", "#qs-pay", "#qs-talk"):
        expect(page.locator(step)).to_be_visible()
    shot(page, "quick-start")


def test_the_welcome_box_goes_once_dismissed(stack_page: Page):
    """On a client who has not dismissed it yet (the stack keeps the mark: each run uses up one demo client)."""
    fresh = None
    for profile in CLIENT_PROFILES:
        with office(LOGINS[profile].email, LOGINS[profile].password) as api:
            if not api.get("/help/marks").json()["quick_start_dismissed"]:
                fresh = LOGINS[profile]
                break
    if fresh is None:
        pytest.skip("every demo client has dismissed the quick-start on this stack (a fresh stack has none dismissed)")
    page = stack_page
    log_in(page, fresh.email, fresh.password)
    dossier = client_dossier(page)
    page.goto(f"/client/{dossier}")
    prompt = page.locator("#quick-start-prompt")
    expect(prompt).to_be_visible()
    shot(page, "client-home")
    prompt.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/client/{dossier}$"))
    page.wait_for_load_state("networkidle")
    expect(page.locator("#quick-start-prompt")).to_have_count(0)
    expect(page.locator("p.quick-start-link a")).to_be_visible()
