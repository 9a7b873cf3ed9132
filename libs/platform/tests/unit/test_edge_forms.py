"""Unstorable text in multipart form fields (issue 19 item 5): 422 naming the field, from every service app."""
import httpx
from fastapi import APIRouter, File, Form, Request, UploadFile

from runtime.config import Settings
from runtime.http import create_http_app
from runtime.limits import UPLOAD, KiB

SETTINGS = Settings(service="edge-forms-test", http_max_body_bytes=4 * KiB, http_max_upload_bytes=256 * KiB)
BOUNDARY = "b0undary"


def _client(ran: list) -> httpx.AsyncClient:
    router = APIRouter()

    @router.post("/upload", openapi_extra=UPLOAD)
    async def upload(note: str = Form(default=""), files: list[UploadFile] = File(default=[])) -> dict:
        ran.append(note)
        return {"note": note, "sizes": [len(await f.read()) for f in files]}

    @router.post("/raw", openapi_extra=UPLOAD)
    async def raw(request: Request) -> dict:  # a route that reads the form itself, as the portal's pages do
        form = await request.form()
        ran.append("raw")
        return {"keys": sorted(form.keys())}

    app = create_http_app("edge-forms-test", settings=SETTINGS, extra_routers=[router])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")


def _field(name: bytes, value: bytes) -> bytes:
    return b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (BOUNDARY.encode(), name, value)


def _file(name: bytes, data: bytes) -> bytes:
    return (b"--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"%s\"\r\n"
            b"Content-Type: application/octet-stream\r\n\r\n%s\r\n" % (BOUNDARY.encode(), name, data))


def _body(*parts: bytes) -> bytes:
    return b"".join(parts) + b"--%s--\r\n" % BOUNDARY.encode()


async def _post(client: httpx.AsyncClient, path: str, body: bytes, charset: str = "") -> httpx.Response:
    kind = f"multipart/form-data; boundary={BOUNDARY}" + (f"; charset={charset}" if charset else "")
    return await client.post(path, content=body, headers={"content-type": kind})


def _fields(response: httpx.Response) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_error"
    return [f["field"] for f in response.json()["error"]["fields"]]


async def test_a_nul_byte_in_a_text_field_names_the_field_and_the_route_does_not_run():
    ran: list = []
    async with _client(ran) as client:
        answer = await _post(client, "/upload", _body(_field(b"note", b"a\x00b"), _file(b"a.pdf", b"%PDF-")))
        raw = await _post(client, "/raw", _body(_field(b"other", b"x\x00")))
    assert _fields(answer) == ["note"] and "NUL" in answer.json()["error"]["message"]
    assert _fields(raw) == ["other"] and ran == []


async def test_hostile_field_names_are_checked_and_not_echoed():
    ran: list = []
    async with _client(ran) as client:
        answer = await _post(client, "/upload", _body(_field(b"<b hx-get='x'>\x00", b"fine")))
    assert _fields(answer) == ["(unnamed)"] and "<b" not in answer.text and ran == []


async def test_file_bytes_and_ordinary_text_pass_whole():
    ran: list = []
    data = b"\x00\xed\xa0\x80" * 10 * KiB  # NULs and an encoded surrogate in a file: bytes, not text
    async with _client(ran) as client:
        answer = await _post(client, "/upload", _body(_field(b"note", "Zoë 😀".encode()), _file(b"x.bin", data)))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"note": "Zoë 😀", "sizes": [len(data)]} and ran == ["Zoë 😀"]


async def test_a_text_field_split_across_chunks_after_a_large_file_is_caught():
    """The form streams in (over the default body limit, under the upload one): the check follows the route's reads
    and the upload limit still applies, so the body is not buffered before the router chose the route."""
    ran: list = []
    body = _body(_file(b"big.bin", b"y" * 100 * KiB), _field(b"note", b"abc\x00def"))

    async def chunks():
        for start in range(0, len(body), 1000):  # the NUL and the part's end fall in different chunks
            yield body[start:start + 1000]

    async with _client(ran) as client:
        answer = await client.post("/upload", content=chunks(),
                                   headers={"content-type": f"multipart/form-data; boundary={BOUNDARY}"})
    assert _fields(answer) == ["note"] and ran == []


async def test_text_is_judged_as_the_route_would_decode_it():
    """Bytes that are not UTF-8 reach the route as Latin-1 (Starlette), which has no surrogate; in UTF-16 the zero
    bytes of "ab" are no NUL character, those of "a<NUL>" are."""
    ran: list = []
    wide = "note".encode("utf-16-le")
    async with _client(ran) as client:
        latin = await _post(client, "/upload", _body(_field(b"note", b"\xed\xa0\x80")))
        ab = await _post(client, "/raw", _body(_field(wide, "ab".encode("utf-16-le"))), "utf-16-le")
        nul = await _post(client, "/raw", _body(_field(wide, "a\x00".encode("utf-16-le"))), "utf-16-le")
    assert latin.status_code == 200 and latin.json()["note"] == "\xed\xa0\x80"
    assert ab.status_code == 200 and ab.json() == {"keys": ["note"]}
    assert _fields(nul) == ["note"] and ran == ["\xed\xa0\x80", "raw"]


async def test_a_malformed_form_is_a_400_not_a_500():
    ran: list = []
    async with _client(ran) as client:
        broken = await _post(client, "/upload", b"--" + BOUNDARY.encode() + b"\r\nno headers at all\x00\r\n\r\n")
        no_boundary = await client.post("/upload", content=b"x\x00", headers={"content-type": "multipart/form-data"})
    assert broken.status_code == 400 and no_boundary.status_code == 400 and ran == []
