"""Fixtures of the integration tests: a migrated throw-away database, the real S3 store, the HTTP app in-process."""
from __future__ import annotations

import httpx
import pytest
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from runtime.storage import ObjectStore
from runtime.testing import temp_pool

from payments.bootstrap import MIGRATIONS, SPEC
from payments.config import PaymentsSettings
from payments.handlers.context import Deps

SETTINGS = PaymentsSettings(service="payments-test")


@pytest.fixture
async def pool():
    async with temp_pool(SETTINGS, MIGRATIONS) as pool:
        yield pool


@pytest.fixture
async def store():
    store = ObjectStore.from_settings(SETTINGS)
    await store.ensure_bucket()
    return store


@pytest.fixture
def issuer() -> TokenIssuer:
    """The office's token signer, as the payments app under test trusts it."""
    return TokenIssuer(generate_signing_key(), "payments-test-kid", SETTINGS.jwt_issuer)


@pytest.fixture
async def http(pool, store, issuer):
    """payments' HTTP app on the test database and the real object store, called in-process."""
    app = http_app(SPEC, SETTINGS, Deps(pool=pool, store=store, settings=SETTINGS),
                   token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://payments") as client:
        yield client
