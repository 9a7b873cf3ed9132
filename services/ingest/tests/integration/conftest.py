"""Fixtures for the ingest API in-process (httpx ASGITransport) on a throw-away database and a fake object store."""
from __future__ import annotations

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app
from runtime.storage import FakeObjectStore
from runtime.testing import temp_pool

from ingest.bootstrap import MIGRATIONS, SPEC
from ingest.config import IngestSettings
from ingest.handlers.context import Deps

from ingest_testkit import World, new_issuer, seed

pytestmark = pytest.mark.integration


@pytest.fixture
def settings() -> IngestSettings:
    return IngestSettings(service="ingest-test", ingest_max_file_bytes=2 * 1024 * 1024, ingest_max_pages=300,
                          ingest_max_pixels=4_000_000, ingest_max_capture_pixels=10_000_000,
                          ingest_max_upload_pixels=10_000_000, ingest_smtp_enabled=False)


@pytest.fixture
async def pool(settings):
    async with temp_pool(settings, MIGRATIONS) as pool:
        yield pool


@pytest.fixture
def store() -> FakeObjectStore:
    return FakeObjectStore()


@pytest.fixture
def deps(pool, store, settings) -> Deps:
    return Deps(pool=pool, store=store, settings=settings)


@pytest.fixture
async def world(pool) -> World:
    w = World(issuer=new_issuer())
    await seed(pool, w)
    return w


@pytest.fixture
async def client(deps, settings, world):
    app = http_app(SPEC, settings, deps,
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as c:
        yield c
