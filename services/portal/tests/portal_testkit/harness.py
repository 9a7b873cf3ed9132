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


class Unreachable(httpx.AsyncBaseTransport):
    """A service that is down: every request fails to connect."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("service down (test)", request=request)


@asynccontextmanager
async def portal_client(office_app: FastAPI, *, store: SessionStore | None = None,
                        settings: PortalSettings | None = None, base: str = BASE,
                        worklist_app: FastAPI | None = None,
                        notify_app: FastAPI | None = None,
                        payments_app: FastAPI | None = None,
                        reporting_app: FastAPI | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on a portal app whose office calls go to ``office_app`` (both in process).

    The worklist, notify, payments and reporting are ``worklist_app`` / ``notify_app`` / ``payments_app`` /
    ``reporting_app`` in process, or down
    when none is given.
    """
    settings = settings or PortalSettings(service="portal", office_slug="demo")
    office = office_http(settings, base_url="http://office.test", transport=httpx.ASGITransport(app=office_app))
    app = create_app(build_portal(settings, store or MemorySessionStore(), office))
    worklist_transport = httpx.ASGITransport(app=worklist_app) if worklist_app is not None else Unreachable()
    app.state.worklist_http = httpx.AsyncClient(transport=worklist_transport, base_url="http://worklist.test")
    notify_transport = httpx.ASGITransport(app=notify_app) if notify_app is not None else Unreachable()
    app.state.notify_http = httpx.AsyncClient(transport=notify_transport, base_url="http://notify.test")
    payments_transport = httpx.ASGITransport(app=payments_app) if payments_app is not None else Unreachable()
    app.state.payments_http = httpx.AsyncClient(transport=payments_transport, base_url="http://payments.test")
    reporting_transport = httpx.ASGITransport(app=reporting_app) if reporting_app is not None else Unreachable()
    app.state.reporting_http = httpx.AsyncClient(transport=reporting_transport, base_url="http://reporting.test")
    # down unless a test attaches a fake (sync_fake.attach): never the stack's own sync-connector
    app.state.sync_connector_http = httpx.AsyncClient(transport=Unreachable(), base_url="http://sync.test")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as client:
        client.app = app  # type: ignore[attr-defined]
        yield client
    await app.state.worklist_http.aclose()
    await app.state.notify_http.aclose()
    await app.state.payments_http.aclose()
    await app.state.reporting_http.aclose()
    await app.state.sync_connector_http.aclose()
    await office.aclose()


async def login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    """Log in through the login form as a browser would; returns the answer to the POST."""
    page = await client.get("/login")
    return await client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_of(page.text)})
