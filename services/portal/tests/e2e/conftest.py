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


@pytest.fixture
def phone_page(platform: Platform) -> Iterator[Page]:
    """A page in a fresh Chromium emulating an iPhone 13 (viewport, touch, mobile user agent), asking for English."""
    profile = tempfile.mkdtemp(prefix="bf-chromium-phone-")
    with sync_playwright() as pw:
        device = {k: v for k, v in pw.devices["iPhone 13"].items() if k != "default_browser_type"}
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="en-GB",
            base_url=platform.portal.url, **device)
        context.set_default_timeout(15_000)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
