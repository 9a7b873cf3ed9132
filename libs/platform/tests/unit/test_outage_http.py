"""A dependency's passing outage answers 503 + Retry-After in the house shape; a bug still answers 500.

The dependencies are real clients pointed at a closed port (nothing of the shared stack is stopped).
"""
import httpx
from fastapi import APIRouter, Request

from runtime.db import create_pool
from runtime.http import create_http_app
from runtime.storage import ObjectStore, http_pool

CLOSED = "127.0.0.1:1"


def outage_router() -> APIRouter:
    router = APIRouter()

    @router.post("/upload-db")
    async def upload_db(request: Request) -> dict:
        async with request.app.state.pool.acquire() as conn:
            await conn.execute("SELECT 1")
        return {}

    @router.post("/upload-store")
    async def upload_store(request: Request) -> dict:
        await request.app.state.store.put_bytes(b"%PDF-1.7 invoice", "application/pdf")
        return {}

    @router.post("/bug")
    async def bug() -> dict:
        raise ConnectionRefusedError(111, "a route's own bug, not a driver's")

    return router


async def call(path: str) -> httpx.Response:
    app = create_http_app("outage-test", settings=None, extra_routers=[outage_router()])
    app.state.pool = await create_pool(f"postgresql://nobody:secret@{CLOSED}/none", min_size=0)
    app.state.store = ObjectStore(CLOSED, "key", "secret", "bucket", pool=http_pool(retries=0))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            return await client.post(path)
    finally:
        await app.state.pool.close()


async def test_database_that_cannot_be_reached_answers_503_with_retry_after():
    response = await call("/upload-db")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] == "unavailable" and error["dependency"] == "database"
    assert "database" in error["message"] and "127.0.0.1" not in error["message"]  # no internals


async def test_object_store_that_cannot_be_reached_answers_503_with_retry_after():
    response = await call("/upload-store")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.json()["error"]["dependency"] == "object store"


async def test_a_bug_is_still_a_500():
    response = await call("/bug")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "Retry-After" not in response.headers
