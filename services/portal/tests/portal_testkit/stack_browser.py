"""Browser tests on the running stack (`make up`: its portal and services with the demo seed): the stack's portal
(skipped when it does not answer), a fresh Chromium at 1280 px or on a 390 px phone, and the check that a page fits
the screen's width."""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright
from runtime.config import Settings

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
    profile = tempfile.mkdtemp(prefix="bf-chromium-stack-")
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


def client_dossier(page: Page) -> str:
    """The id of the client's (first) dossier: /client lists them, or opens the only one."""
    page.goto("/client")
    if page.url.rstrip("/").split("/")[-2:-1] == ["client"]:
        return page.url.rstrip("/").split("/")[-1]
    return page.locator("a.tile[href^='/client/']").first.get_attribute("href").split("/")[2]
