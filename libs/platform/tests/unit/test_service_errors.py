"""Issue 19 item 4: one ServiceError and one handler answer every service's refusals in the house JSON shape."""
import httpx
import pytest
from fastapi import APIRouter, Depends

from runtime.config import Settings
from runtime.errors import ServiceError, codes_of
from runtime.http import create_http_app


class ShopError(ServiceError):
    pass


class NotFound(ShopError):
    status, code = 404, "not_found"


class Busy(ShopError):
    status, code, also_codes = 429, "too_many_requests", ("slow_down",)

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"try again in {retry_after} s", headers={"Retry-After": str(retry_after)})


class Refused(ShopError):
    status, code = 409, "conflict"

    def extra(self):
        return {**super().extra(), "reason": "sold_out"}


def _needs_stock() -> None:
    raise Refused("out of stock", params={"left": 0})


def _client() -> httpx.AsyncClient:
    router = APIRouter()

    @router.get("/missing")
    async def missing() -> None:
        raise NotFound("no article 7")

    @router.get("/busy")
    async def busy() -> None:
        raise Busy(30)

    @router.get("/direct")
    async def direct() -> None:
        raise ServiceError(422, "invalid", "qty: must be positive", fields=[{"field": "qty", "message": "too small"}])

    @router.get("/dependency", dependencies=[Depends(_needs_stock)])
    async def dependency() -> None:
        return None

    app = create_http_app("errors-test", settings=Settings(service="errors-test"), extra_routers=[router])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://svc")


async def test_a_subclass_is_answered_with_its_status_and_code():
    async with _client() as client:
        response = await client.get("/missing")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "no article 7"}}


async def test_headers_fields_params_and_extra_keys_reach_the_caller():
    async with _client() as client:
        busy, direct, refused = await client.get("/busy"), await client.get("/direct"), await client.get("/dependency")
    assert busy.status_code == 429 and busy.headers["retry-after"] == "30"
    assert direct.status_code == 422
    assert direct.json()["error"] == {"code": "invalid", "message": "qty: must be positive",
                                      "fields": [{"field": "qty", "message": "too small"}]}
    assert refused.status_code == 409  # raised in a dependency: the same handler answers
    assert refused.json()["error"] == {"code": "conflict", "message": "out of stock", "params": {"left": "0"},
                                       "reason": "sold_out"}


def test_the_codes_of_a_hierarchy_are_enumerable():
    assert codes_of(ShopError) == {"bad_request", "not_found", "too_many_requests", "slow_down", "conflict"}


def test_a_service_error_takes_a_message_or_status_code_and_message():
    with pytest.raises(TypeError):
        ServiceError(404, "not_found")
