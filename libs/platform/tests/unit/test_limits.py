"""Request-body limits of every service app (issue 13 item 2): per route class, counted as the body streams."""
import httpx
import pytest
from fastapi import APIRouter, Depends, File, UploadFile
from pydantic import BaseModel

from runtime.auth.tokens import Unauthenticated
from runtime.config import Settings
from runtime.http import create_http_app
from runtime.limits import UPLOAD, KiB, declare_uploads

SETTINGS = Settings(service="limits-test", http_max_body_bytes=64 * KiB, http_max_upload_bytes=256 * KiB)
CHUNK = 16 * KiB


class Note(BaseModel):
    text: str


def _authenticated() -> None:
    raise Unauthenticated("no token")


def _client(ran: list[str]) -> httpx.AsyncClient:
    router = APIRouter()

    @router.post("/notes")
    async def note(body: Note) -> dict:
        ran.append("notes")
        return {"length": len(body.text)}

    @router.post("/private", dependencies=[Depends(_authenticated)])
    async def private(body: Note) -> dict:
        ran.append("private")
        return {}

    @router.post("/files", openapi_extra=UPLOAD)
    async def files(files: list[UploadFile] = File(...)) -> dict:
        ran.append("files")
        return {"sizes": [len(await f.read()) for f in files]}

    app = create_http_app("limits-test", settings=SETTINGS, extra_routers=[router])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")


class Chunks:
    """A chunked body of ``total`` bytes; ``sent`` counts what the server pulled."""

    def __init__(self, total: int, prefix: bytes = b"") -> None:
        self.total, self.prefix, self.sent = total, prefix, 0

    async def __aiter__(self):
        yield self.prefix
        self.sent += len(self.prefix)
        while self.sent < self.total:
            self.sent += CHUNK
            yield b"a" * CHUNK


async def test_a_declared_length_over_the_limit_is_refused_before_the_route_runs():
    ran: list[str] = []
    async with _client(ran) as client:
        response = await client.post("/notes", content=b'{"text": "' + b"a" * (65 * KiB) + b'"}',
                                     headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large" and str(64 * KiB) in response.json()["error"]["message"]
    assert ran == []


async def test_a_chunked_body_is_cut_off_once_it_passes_the_limit():
    ran: list[str] = []
    body = Chunks(10 * 1024 * KiB, prefix=b'{"text": "')
    async with _client(ran) as client:
        response = await client.post("/notes", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and ran == []
    assert body.sent <= 64 * KiB + 2 * CHUNK, f"read {body.sent} bytes of a 10 MiB body"


async def test_a_large_body_is_refused_before_authentication():
    """A service parses a body before its dependencies run: an anonymous caller must not get that far."""
    ran: list[str] = []
    body = Chunks(100 * 1024 * KiB, prefix=b'{"text": "')
    async with _client(ran) as client:
        response = await client.post("/private", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and body.sent <= 64 * KiB + 2 * CHUNK


async def test_an_upload_route_takes_more_than_the_default_but_not_more_than_its_own_limit():
    ran: list[str] = []
    async with _client(ran) as client:
        ok = await client.post("/files", files=[("files", ("a.pdf", b"%PDF-" + b"x" * (128 * KiB)))])
        boundary = b"----bf"
        head = b"--" + boundary + b'\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n\r\n'
        body = Chunks(4 * 1024 * KiB, prefix=head)
        big = await client.post("/files", content=body,
                                headers={"content-type": "multipart/form-data; boundary=----bf"})
    assert ok.status_code == 200 and ok.json() == {"sizes": [128 * KiB + 5]}
    assert big.status_code == 413 and ran == ["files"]
    assert body.sent <= 256 * KiB + 2 * CHUNK


async def test_a_small_json_body_still_reaches_the_route_whole():
    ran: list[str] = []
    async with _client(ran) as client:
        response = await client.post("/notes", content=Chunks(32 * KiB, prefix=b'{"text": "x'),
                                     headers={"content-type": "application/json"})
        plain = await client.post("/notes", json={"text": "hello"})
    assert response.status_code == 422  # the chunked body is not valid JSON: the route's own parsing answers
    assert plain.status_code == 200 and plain.json() == {"length": 5}


async def test_a_composition_root_declares_its_upload_routes_by_path_and_a_typo_fails():
    router = APIRouter()

    @router.post("/dossiers/{dossier_id}/capture")
    async def capture(files: list[UploadFile] = File(...)) -> dict:
        return {"sizes": [len(await f.read()) for f in files]}

    with pytest.raises(LookupError):
        declare_uploads([router], ["/dossiers/{dossier_id}/captures"])
    app = create_http_app("limits-test", settings=SETTINGS, extra_routers=[router])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        before = await client.post("/dossiers/1/capture", files=[("files", ("a.jpg", b"x" * (128 * KiB)))])
        declare_uploads([router], ["/dossiers/{dossier_id}/capture"])
        after = await client.post("/dossiers/1/capture", files=[("files", ("a.jpg", b"x" * (128 * KiB)))])
    assert before.status_code == 413 and after.status_code == 200
