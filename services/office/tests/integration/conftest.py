"""Fixtures for the office API in-process (httpx ASGITransport) against a throw-away database."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app
from runtime.testing import temp_pool

from office.bootstrap import MIGRATIONS, SPEC
from office.config import OfficeSettings
from office.handlers.context import Deps

pytestmark = pytest.mark.integration


class Clock:
    """A clock tests can move: starts at the real now."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, **kw: float) -> None:
        self.offset += timedelta(**kw)


@pytest.fixture
def settings() -> OfficeSettings:
    return OfficeSettings(service="office-test", office_lockout_base_s=30)


@pytest.fixture
async def pool(settings):
    async with temp_pool(settings, MIGRATIONS) as pool:
        yield pool


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(pool, settings, clock) -> Deps:
    """The office's dependencies on the test's database and movable clock."""
    return Deps.on(pool, settings, clock)


@pytest.fixture
async def client(deps, settings):
    app = http_app(SPEC, settings, deps, token_verifier=TokenVerifier.from_settings(settings))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://office") as c:
        yield c
