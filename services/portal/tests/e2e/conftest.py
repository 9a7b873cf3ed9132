"""Browser tests: the real office (demo seed) and the real portal as processes, Debian chromium driven by Playwright.

One platform per test session; every test gets a fresh browser with a fresh user-data-dir.
Set BF_E2E_SCREENSHOTS=<dir> to keep a screenshot of each page a test names.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from portal_testkit.live import Platform, running_platform

CHROMIUM = os.environ.get("BF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def platform() -> Iterator[Platform]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: deploy/local/chromium.sh installs Debian's chromium")
    with running_platform() as running:
        yield running


@pytest.fixture
def browser_page(platform: Platform) -> Iterator[Page]:
    """A page in a fresh Chromium (own user-data-dir) whose browser asks for English."""
    profile = tempfile.mkdtemp(prefix="bf-chromium-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="en-GB",
            viewport={"width": 1280, "height": 900}, base_url=platform.portal.url)
        context.set_default_timeout(15_000)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def screenshot(page: Page, name: str) -> None:
    """Keep a picture of the page when BF_E2E_SCREENSHOTS names a folder."""
    folder = os.environ.get("BF_E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(page: Page, email: str, password: str) -> None:
    """Log in with the keyboard, as a person would: type, Tab, type, Enter."""
    page.goto("/login?office=demo")
    page.locator("#f-email").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def office_api(platform: Platform, email: str, password: str) -> httpx.Client:
    """An httpx client on the office API, logged in as that user (to check what the portal did)."""
    token = httpx.post(f"{platform.office.url}/auth/login", json={"email": email, "password": password},
                       timeout=10).json()["access_token"]
    return httpx.Client(base_url=platform.office.url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
