"""Composition root of the portal: settings, session store, HTTP clients (office, other services), renderer."""
from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI
from runtime.config import Settings
from runtime.http import create_http_app
from runtime.limits import declare_uploads
from runtime.service import Runtime, ServiceSpec
from runtime.telemetry import traced_http_client

from portal.adapters.office import OfficeClient
from portal.adapters.service_clients import ServiceClients
from portal.adapters.session_store import PostgresSessionStore, SessionStore
from portal.config import PortalSettings
from portal.entrypoints.http import ROUTERS
from portal.entrypoints.http.rendering import Renderer
from portal.entrypoints.http.web import Portal

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def office_http(settings: PortalSettings, *, base_url: str | None = None,
                transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The traced HTTP client to the office, with explicit connect and read timeouts."""
    timeout = httpx.Timeout(settings.office_timeout_s, connect=settings.office_connect_timeout_s)
    return traced_http_client(base_url=base_url or Settings.service_url("office"), timeout=timeout,
                              transport=transport)


def build_portal(settings: PortalSettings, store: SessionStore, http: httpx.AsyncClient,
                 services: ServiceClients) -> Portal:
    """The portal's parts from explicit dependencies (tests pass fakes here)."""
    return Portal(settings=settings, store=store, office=OfficeClient(http), renderer=Renderer(), services=services)


async def build_deps(rt: Runtime) -> Portal:
    """The portal's parts, built once at start by the runtime ``serve()`` started: its pool holds the sessions, and
    its HTTP clients to the office and the other services are made here, not on a first request."""
    settings: PortalSettings = rt.settings  # type: ignore[assignment]
    return build_portal(settings, PostgresSessionStore(rt.pool), office_http(settings), ServiceClients.from_settings())


async def close(portal: Portal) -> None:
    """The portal's HTTP clients, closed by runtime.service.stop once the server has ended (ServiceSpec.close)."""
    await portal.aclose()


def create_app(portal: Portal) -> FastAPI:
    """A portal app around ready parts (tests and in-process runs); ``serve()`` builds its own."""
    app = create_http_app("portal", settings=portal.settings, extra_routers=ROUTERS, public=True)
    app.state.deps = portal
    return app


# The request bodies larger than the default limit (runtime.limits: BF_HTTP_MAX_UPLOAD_BYTES; every other route
# BF_HTTP_MAX_BODY_BYTES): the upload (ING-1) and the mobile capture (ING-3), both passed on to ingest.
UPLOAD_ROUTES = ("/dossiers/{dossier_id}/documents/upload", "/dossiers/{dossier_id}/capture")
declare_uploads(ROUTERS, UPLOAD_ROUTES)

# public: the internet's way in (no OpenAPI pages, /metrics only on the listener of BF_METRICS_PORT)
SPEC = ServiceSpec(name="portal", migrations=MIGRATIONS, routers=ROUTERS, settings_cls=PortalSettings, public=True,
                   deps=build_deps, close=close)
