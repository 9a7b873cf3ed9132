"""Uploads during a dependency's outage: ingest's real upload route answers 503 + Retry-After, never 500.

Issue 18 measured 31 uploads answered `500 internal_error` while PostgreSQL was stopped and 46 while
the object store was. Here ingest's app runs with its database or its object store on a closed port
(the shared stack is not stopped), and the client is told to come back instead of being told of a bug.
"""
import sys
from pathlib import Path

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.db import create_pool
from runtime.service import http_app
from runtime.storage import FakeObjectStore, ObjectStore, http_pool
from runtime.testing import temp_pool

from ingest.bootstrap import MIGRATIONS, SPEC
from ingest.config import IngestSettings
from ingest.handlers.context import Deps

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "services/ingest/tests"))
from ingest_testkit import World, new_issuer, pdf_bytes, principals, seed, upload  # noqa: E402

pytestmark = pytest.mark.integration
CLOSED = "127.0.0.1:1"  # nothing listens there: connection refused, like a stopped component


def issue_tokens(world: World) -> None:
    world.principals = principals(world)
    world.tokens = {key: world.issuer.issue(p) for key, p in world.principals.items()}


async def upload_with(pool, store, world, settings) -> httpx.Response:
    app = http_app(SPEC, settings, Deps(pool=pool, store=store, settings=settings),
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as client:
        return await upload(client, world, "ADMINISTRATOR", "purchases", None, ("invoice.pdf", pdf_bytes()))


def assert_unavailable(response: httpx.Response, dependency: str) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] == "unavailable" and error["dependency"] == dependency
    assert dependency in error["message"] and CLOSED not in error["message"]


async def test_upload_while_the_database_is_down_answers_503_with_retry_after():
    settings = IngestSettings(service="ingest-test", ingest_smtp_enabled=False)
    world = World(issuer=new_issuer())
    issue_tokens(world)
    pool = await create_pool(f"postgresql://nobody:secret@{CLOSED}/ingest", min_size=0)
    try:
        response = await upload_with(pool, FakeObjectStore(), world, settings)
    finally:
        await pool.close()
    assert_unavailable(response, "database")


async def test_upload_while_the_object_store_is_down_answers_503_and_stores_nothing():
    settings = IngestSettings(service="ingest-test", ingest_smtp_enabled=False)
    world = World(issuer=new_issuer())
    async with temp_pool(settings, MIGRATIONS) as pool:
        await seed(pool, world)
        store = ObjectStore(CLOSED, "key", "secret", "bucket", pool=http_pool(retries=0))
        response = await upload_with(pool, store, world, settings)
        assert_unavailable(response, "object store")
        assert await pool.fetchval("SELECT count(*) FROM outbox") == 0
