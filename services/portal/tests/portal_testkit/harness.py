"""Runs the portal against an office reached over HTTP: in-process apps (ASGI) for integration tests."""
from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from portal.adapters.session_store import MemorySessionStore, SessionStore
from portal.bootstrap import build_portal, create_app, office_http
from portal.config import PortalSettings

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
BASE = "http://portal.test"


def csrf_of(html: str) -> str:
    """The CSRF token a page put in its forms."""
    match = CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@asynccontextmanager
async def portal_client(office_app: FastAPI, *, store: SessionStore | None = None,
                        settings: PortalSettings | None = None, base: str = BASE) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on a portal app whose office calls go to ``office_app`` (both in process)."""
    settings = settings or PortalSettings(service="portal", office_slug="demo")
    office = office_http(settings, base_url="http://office.test", transport=httpx.ASGITransport(app=office_app))
    app = create_app(build_portal(settings, store or MemorySessionStore(), office))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as client:
        client.app = app  # type: ignore[attr-defined]
        yield client
    await office.aclose()


async def login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    """Log in through the login form as a browser would; returns the answer to the POST."""
    page = await client.get("/login")
    return await client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_of(page.text)})
