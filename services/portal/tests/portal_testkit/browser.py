"""Helpers of the browser tests: demo logins, logging in with the keyboard, screenshots, the office API."""
from __future__ import annotations

import os
from pathlib import Path

import httpx
from office_bench import demo
from playwright.sync_api import Page

from portal_testkit.live import Platform

LOGINS = {login.role: login for login in (*demo.COLLABORATORS, *demo.CLIENTS)}


def dossier_ids(platform: Platform) -> dict[str, str]:
    """The demo dossiers' ids by code, as the office's admin sees them."""
    admin = LOGINS["ADMIN"]
    with office_api(platform, admin.email, admin.password) as api:
        return {d["code"]: d["id"] for d in api.get("/dossiers").json()["items"]}


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
