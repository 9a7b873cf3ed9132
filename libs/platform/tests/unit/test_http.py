"""The service HTTP app: probes, metrics exposition and the house JSON errors."""
import httpx
from fastapi import APIRouter
from pydantic import BaseModel

from runtime.auth.policy import Forbidden
from runtime.auth.tokens import Unauthenticated
from runtime.config import Settings
from runtime.http import create_http_app
from runtime.metrics import EVENTS_PUBLISHED


class Upload(BaseModel):
    dossier_id: str
    pages: int


def _router() -> APIRouter:
    router = APIRouter()

    @router.post("/uploads")
    async def upload(body: Upload) -> dict:
        return {"ok": True}

    @router.get("/forbidden")
    async def forbidden() -> None:
        raise Forbidden("not your dossier")

    @router.get("/anonymous")
    async def anonymous() -> None:
        raise Unauthenticated("token expired")

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("password=hunter2 leaked?")

    return router


def _client(readiness=None) -> httpx.AsyncClient:
    app = create_http_app("http-test", settings=Settings(service="http-test"), extra_routers=[_router()],
                          readiness=readiness)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://svc")


async def test_healthz_answers_while_the_process_runs():
    async with _client() as client:
        response = await client.get("/healthz")
    assert response.status_code == 200 and response.json()["service"] == "http-test"


async def test_readyz_is_503_until_the_callback_says_ready():
    state = {"ready": False}

    async def readiness() -> bool:
        return state["ready"]

    async with _client(readiness) as client:
        assert (await client.get("/readyz")).status_code == 503
        state["ready"] = True
        assert (await client.get("/readyz")).status_code == 200


async def test_a_failing_readiness_check_is_503_with_the_reason():
    async def readiness() -> bool:
        raise ConnectionRefusedError("postgres down")

    async with _client(readiness) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503 and "postgres down" in response.json()["reason"]


async def test_metrics_exposes_the_shared_metrics():
    EVENTS_PUBLISHED.labels(service="http-test", topic="document.received").inc()
    async with _client() as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'bf_events_published_total{service="http-test",topic="document.received"}' in response.text


async def test_a_validation_error_is_422_naming_the_field():
    async with _client() as client:
        response = await client.post("/uploads", json={"dossier_id": "d-1", "pages": "many"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "pages" in error["message"]
    assert error["fields"][0]["field"] == "pages"


async def test_forbidden_is_403_and_unauthenticated_401():
    async with _client() as client:
        forbidden, anonymous = await client.get("/forbidden"), await client.get("/anonymous")
    assert forbidden.status_code == 403
    assert forbidden.json() == {"error": {"code": "forbidden", "message": "not your dossier"}}
    assert anonymous.status_code == 401
    assert anonymous.json() == {"error": {"code": "unauthenticated", "message": "token expired"}}


async def test_an_unknown_route_is_a_json_404():
    async with _client() as client:
        response = await client.get("/nowhere")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


async def test_an_unexpected_error_is_a_json_500_without_details():
    async with _client() as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "internal error"}}
