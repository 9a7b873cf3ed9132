"""HTTP requests counted per route template, method and status, and timed (issue 18: HTTP error rates, latency)."""
import httpx
from fastapi import APIRouter
from prometheus_client import REGISTRY

from runtime.config import Settings
from runtime.errors import ServiceError
from runtime.http import create_http_app

SERVICE = "http-metrics-test"


def _router() -> APIRouter:
    router = APIRouter()

    @router.get("/documents/{document_id}")
    async def document(document_id: str) -> dict:
        if document_id == "gone":
            raise ServiceError(404, "not_found", "no such document")
        return {"id": document_id}

    @router.post("/boom")
    async def boom() -> None:
        raise RuntimeError("unexpected")

    return router


def _client() -> httpx.AsyncClient:
    app = create_http_app(SERVICE, settings=Settings(service=SERVICE), extra_routers=[_router()])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://svc")


def _count(route: str, method: str, status: str) -> float:
    return REGISTRY.get_sample_value(
        "bf_http_requests_total", {"service": SERVICE, "route": route, "method": method, "status": status}) or 0.0


def _timed(route: str, method: str) -> float:
    return REGISTRY.get_sample_value(
        "bf_http_request_duration_seconds_count", {"service": SERVICE, "route": route, "method": method}) or 0.0


async def test_answers_are_counted_by_route_template_and_status():
    ok, missing = _count("/documents/{document_id}", "GET", "200"), _count("/documents/{document_id}", "GET", "404")
    timed = _timed("/documents/{document_id}", "GET")
    async with _client() as client:
        assert (await client.get("/documents/a1")).status_code == 200
        assert (await client.get("/documents/b2")).status_code == 200
        assert (await client.get("/documents/gone")).status_code == 404
    assert _count("/documents/{document_id}", "GET", "200") == ok + 2
    assert _count("/documents/{document_id}", "GET", "404") == missing + 1
    assert _timed("/documents/{document_id}", "GET") == timed + 3
    assert REGISTRY.get_sample_value("bf_http_requests_total", {
        "service": SERVICE, "route": "/documents/a1", "method": "GET", "status": "200"}) is None


async def test_an_unexpected_error_counts_as_500():
    before = _count("/boom", "POST", "500")
    async with _client() as client:
        assert (await client.post("/boom")).status_code == 500
    assert _count("/boom", "POST", "500") == before + 1


async def test_unknown_paths_share_one_series_and_probes_are_not_counted():
    before = _count("(unmatched)", "GET", "404")
    async with _client() as client:
        assert (await client.get("/wp-admin/x")).status_code == 404
        assert (await client.get("/.env")).status_code == 404
        assert (await client.get("/healthz")).status_code == 200
    assert _count("(unmatched)", "GET", "404") == before + 2
    assert _count("/healthz", "GET", "200") == 0
