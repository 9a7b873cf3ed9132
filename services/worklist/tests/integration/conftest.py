"""Fixtures for the worklist API in-process (httpx ASGITransport) on a throw-away database of the real Postgres."""
from __future__ import annotations

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app
from runtime.testing import temp_pool

from worklist.bootstrap import MIGRATIONS, SPEC
from worklist.config import WorklistSettings
from worklist.handlers.context import Deps

from worklist_testkit import World, new_issuer, seed

pytestmark = pytest.mark.integration


@pytest.fixture
def settings() -> WorklistSettings:
    return WorklistSettings(service="worklist-test")


@pytest.fixture
async def pool(settings):
    async with temp_pool(settings, MIGRATIONS) as pool:
        yield pool


@pytest.fixture
def own_settings() -> dict:
    """The OWN dossier's settings; override in a test module for another validation mode."""
    return {"validation_mode": "collaborator"}


@pytest.fixture
async def world(pool, own_settings) -> World:
    w = World(issuer=new_issuer())
    await seed(pool, w, **own_settings)
    return w


def make_client(pool, settings, world):
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings),
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://worklist")


@pytest.fixture
async def client(pool, settings, world):
    async with make_client(pool, settings, world) as c:
        yield c
