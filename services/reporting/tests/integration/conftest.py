"""Fixtures of the integration tests: a migrated throw-away database and the HTTP app in-process."""
from __future__ import annotations

import httpx
import pytest
from runtime.auth.tokens import TokenIssuer, generate_signing_key
from runtime.config import Settings
from runtime.testing import temp_pool

from reporting.bootstrap import MIGRATIONS
from reporting_testkit import app_on

SETTINGS = Settings(service="reporting-test")


@pytest.fixture
async def pool():
    async with temp_pool(SETTINGS, MIGRATIONS) as pool:
        yield pool


@pytest.fixture
def issuer() -> TokenIssuer:
    """The office's token signer, as the reporting app under test trusts it."""
    return TokenIssuer(generate_signing_key(), "reporting-test-kid", SETTINGS.jwt_issuer)


@pytest.fixture
async def http(pool, issuer):
    """reporting's HTTP app on the test database, called in-process."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app_on(pool, issuer)),
                                 base_url="http://reporting") as client:
        yield client
