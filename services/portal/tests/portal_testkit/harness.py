"""Runs the portal against an office reached over HTTP: in-process apps (ASGI) for integration tests."""
from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from portal.adapters.service_clients import TIMEOUTS_S, ServiceClients
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
    ``reporting_app`` in process; every other service (and those not given) is down until a test attaches a fake
    (``attach_service``): never the stack's own. The clients are the portal's deps, closed with it at the end.
    """
    settings = settings or PortalSettings(service="portal", office_slug="demo")
    office = office_http(settings, base_url="http://office.test", transport=httpx.ASGITransport(app=office_app))
    given = {"worklist": worklist_app, "notify": notify_app, "payments": payments_app, "reporting": reporting_app}
    services = ServiceClients({name: _client(name, given.get(name) or Unreachable()) for name in TIMEOUTS_S})
    portal = build_portal(settings, store or MemorySessionStore(), office, services)
    app = create_app(portal)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as client:
            client.app = app  # type: ignore[attr-defined]
            yield client
    finally:
        await portal.aclose()


def attach_service(client: httpx.AsyncClient, service: str, fake: FastAPI | httpx.AsyncBaseTransport) -> None:
    """Point a portal test client's calls to ``service`` (its name in ServiceClients) at ``fake``: an app in
    process or a transport. The portal closes it with the others."""
    client.app.state.deps.services[service] = _client(service, fake)  # type: ignore[attr-defined]


def _client(service: str, fake: FastAPI | httpx.AsyncBaseTransport) -> httpx.AsyncClient:
    transport = fake if isinstance(fake, httpx.AsyncBaseTransport) else httpx.ASGITransport(app=fake)
    return httpx.AsyncClient(transport=transport, base_url=f"http://{service}.test")


async def login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    """Log in through the login form as a browser would; returns the answer to the POST."""
    page = await client.get("/login")
    return await client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_of(page.text)})
