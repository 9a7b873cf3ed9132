"""Edge checks of every service app (issue 13 item 8): unstorable text and unbounded pages get 422, field named."""
import httpx
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from runtime.config import Settings
from runtime.http import create_http_app
from runtime.paging import MAX_PAGE, page_field, page_query, page_size_query


class Change(BaseModel):
    name: str = ""
    lines: list[dict] = []


class Listing(BaseModel):
    q: str | None = None
    page: int = page_field()


def _client(seen: list) -> httpx.AsyncClient:
    router = APIRouter()

    @router.get("/items")
    async def items(q: str = "", page: int = page_query(), page_size: int = page_size_query()) -> dict:
        seen.append(q)
        return {"page": page, "page_size": page_size}

    @router.get("/listing")
    async def listing(query: Listing = Depends()) -> dict:
        return query.model_dump()

    @router.get("/items/{name}")
    async def one(name: str) -> dict:
        seen.append(name)
        return {"name": name}

    @router.patch("/me")
    async def me(body: Change) -> dict:
        seen.append(body)
        return body.model_dump()

    @router.post("/form")
    async def form() -> dict:
        seen.append("form")
        return {}

    app = create_http_app("edge-test", settings=Settings(service="edge-test"), extra_routers=[router])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")


def _fields(response: httpx.Response) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_error"
    return [f["field"] for f in response.json()["error"]["fields"]]


async def test_a_nul_byte_in_a_query_filter_names_the_filter():
    seen: list = []
    async with _client(seen) as client:
        response = await client.get("/items", params={"q": "abc\x00def"})
    assert _fields(response) == ["q"] and "NUL" in response.json()["error"]["message"] and seen == []


async def test_a_nul_byte_in_the_path_is_refused():
    seen: list = []
    async with _client(seen) as client:
        response = await client.get("/items/a%00b")
    assert _fields(response) == ["path"] and seen == []


async def test_a_lone_surrogate_deep_in_json_names_its_place():
    seen: list = []
    async with _client(seen) as client:
        surrogate = await client.patch("/me", content=b'{"name": "\\ud800x"}', headers={"content-type": "application/json"})
        nested = await client.patch("/me", json={"lines": [{"ok": "fine"}, {"label": "a\x00"}]})
    assert _fields(surrogate) == ["name"] and "surrogate" in surrogate.json()["error"]["message"]
    assert _fields(nested) == ["lines.1.label"] and seen == []


async def test_a_nul_byte_in_a_form_field_is_refused_and_hostile_names_are_not_echoed():
    seen: list = []
    async with _client(seen) as client:
        named = await client.post("/form", content=b"email=a%00b", headers={"content-type": "application/x-www-form-urlencoded"})
        hostile = await client.post("/form", content=b"%3Cform%20hx-post%3D%22x%22%3E=%00",
                                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert _fields(named) == ["email"]
    assert _fields(hostile) == ["(unnamed)"] and "<form" not in hostile.text and seen == []


async def test_good_text_passes_and_the_json_body_reaches_the_route_whole():
    seen: list = []
    async with _client(seen) as client:
        response = await client.patch("/me", json={"name": "Zoë 😀", "lines": [{"a": "b"}]})
        listed = await client.get("/items", params={"q": "café"})
    assert response.status_code == 200 and response.json() == {"name": "Zoë 😀", "lines": [{"a": "b"}]}
    assert listed.status_code == 200


async def test_a_page_beyond_the_bound_names_the_parameter():
    seen: list = []
    async with _client(seen) as client:
        huge = await client.get("/items", params={"page": 2**62})
        in_model = await client.get("/listing", params={"page": 2**62})
        size = await client.get("/items", params={"page_size": -1})
        last = await client.get("/items", params={"page": MAX_PAGE})
    assert _fields(huge) == ["page"] and _fields(in_model) == ["page"] and _fields(size) == ["page_size"]
    assert last.status_code == 200


async def test_deeply_nested_json_is_not_a_500():
    seen: list = []
    async with _client(seen) as client:
        parsed_deep = await client.patch("/me", content=b'{"lines": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
                                         headers={"content-type": "application/json"})
        too_deep = await client.patch("/me", content=b"[" * 200_000 + b"]" * 200_000,
                                      headers={"content-type": "application/json"})
        deep_nul = await client.patch("/me", content=b'{"lines": [' + b'{"a": ' * 500 + b'"x\\u0000"' + b"}" * 500 + b"]}",
                                      headers={"content-type": "application/json"})
    assert parsed_deep.status_code in (400, 422) and too_deep.status_code in (400, 422)
    assert deep_nul.status_code == 422 and "NUL" in deep_nul.json()["error"]["message"]
