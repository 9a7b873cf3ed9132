"""Hostile files against the running ingest service (issue 13 items 3, 9 and 10), as a low-privilege client user.

Each test names the hole and the answer the attacker now gets; each one was answered 201 (stored) before.
"""
from __future__ import annotations

import io
import time
import uuid
import zipfile

import httpx
import pikepdf
import pytest
from e2e_stack import Platform
from PIL import Image

pytestmark = [pytest.mark.e2e]

DELIVERY = ("delivery@demo.bookingfactory.example", "demo-client-deliv")  # the lowest client profile
ADMIN = ("admin@demo.bookingfactory.example", "demo-admin-2025")
DOSSIER = "SCHMITZ"
UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"


@pytest.fixture
async def platform():
    platform = Platform()
    try:
        yield platform
    finally:
        await platform.close()


async def as_user(platform: Platform, login: tuple[str, str]) -> str:
    await platform.login(*login)
    return await platform.dossier(DOSSIER)


async def post_files(platform: Platform, path: str, files: list[tuple[str, bytes]]) -> httpx.Response:
    return await platform.http.post(f"{platform.url['ingest']}{path}", headers={"Authorization": f"Bearer {platform.token}"},
                                    files=[("files", (name, data)) for name, data in files])


def png_8000() -> bytes:
    """80 KB on the wire, 64 megapixels once decoded (the attacker's photo)."""
    out = io.BytesIO()
    Image.new("L", (8000, 8000), 255).save(out, "PNG", pnginfo=None)
    return out.getvalue()


def real_pdf() -> bytes:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = uuid.uuid4().hex
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


async def test_capture_of_ten_64_megapixel_photos_is_refused_from_the_headers(platform):
    """Item 3: 10 x 8000² PNG (under 1 MB) took 12 s and +840 MB; now 413 naming the per-capture limit, at once."""
    dossier = await as_user(platform, DELIVERY)
    photo = png_8000()
    started = time.monotonic()
    answer = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/capture",
                              [(f"page-{i}.png", photo) for i in range(10)])
    elapsed = time.monotonic() - started
    assert answer.status_code == 413, answer.text
    error = answer.json()["error"]
    assert error["code"] == "too_many_pixels" and "pixels per request" in error["message"]
    assert elapsed < 8, f"refused after {elapsed:.1f} s: the photos were decoded first"


async def test_zip_with_a_pdf_header_in_its_first_kb_is_unpacked_under_the_archive_limits(platform):
    """Item 10: a 150-entry ZIP whose first entry is a PDF was stored whole as application/pdf; now it is a ZIP,
    refused for its number of files."""
    dossier = await as_user(platform, DELIVERY)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", b"%PDF-1.4\n" + uuid.uuid4().bytes)
        for i in range(149):
            archive.writestr(f"{i}.txt", b"x")
    answer = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/documents",
                              [("scan.pdf", out.getvalue())])
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["code"] == "too_many_files" and "150 files" in answer.json()["error"]["message"]


async def test_nested_zip_and_html_with_a_pdf_header_are_refused(platform):
    """Item 10: an archive inside an archive, or HTML carrying '%PDF-', is not a PDF."""
    dossier = await as_user(platform, DELIVERY)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("x.pdf", b"%PDF-1.4\n" + uuid.uuid4().bytes)
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("inner.pdf", inner.getvalue())
    html = f"<html><body>%PDF-1.4 <form hx-post='/office/collaborators'>{uuid.uuid4()}</form></body></html>"
    nested = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/documents",
                              [("batch.zip", outer.getvalue())])
    page = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/documents",
                            [("invoice.pdf", html.encode())])
    assert nested.status_code == 422, nested.text
    assert "archive inside an archive" in nested.json()["error"]["message"]
    assert page.status_code == 422 and page.json()["error"]["code"] == "unsupported_type", page.text


async def test_pdf_header_after_junk_must_open_and_real_pdfs_still_pass(platform):
    """Item 10: leading junk before a real PDF is tolerated (readers allow it); junk that only names '%PDF-' is not."""
    dossier = await as_user(platform, DELIVERY)
    fake = b"GIF89a" + uuid.uuid4().bytes + b"%PDF-1.7 this is no PDF"
    refused = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/documents", [("x.pdf", fake)])
    assert refused.status_code == 422 and "does not open as a PDF" in refused.json()["error"]["message"], refused.text
    accepted = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/documents",
                                [("plain.pdf", real_pdf()), ("junk.pdf", b"\r\n\r\n" + real_pdf())])
    assert accepted.status_code == 201, accepted.text
    stored = accepted.json()["documents"]
    assert [d["content_type"] for d in stored] == ["application/pdf"] * 2
    await platform.login(*ADMIN)  # leave the demo mailbox as it was
    for document in stored:
        await platform.call("DELETE", "ingest", f"/dossiers/{dossier}/documents/{document['id']}", expect=(204, 409))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16"])
async def test_utf16_ubl_with_a_doctype_is_refused(platform, encoding):
    """Item 9: the DOCTYPE check looked at bytes, so a UTF-16 UBL with 'SYSTEM "http://..."' was stored."""
    dossier = await as_user(platform, DELIVERY)
    text = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE Invoice SYSTEM "http://attacker.example/x.dtd">'
            f'<Invoice xmlns="{UBL_NS}"><ID>{uuid.uuid4()}</ID></Invoice>')
    answer = await post_files(platform, f"/dossiers/{dossier}/mailboxes/purchases/documents",
                              [("invoice.xml", text.encode(encoding))])
    assert answer.status_code == 422, answer.text
    assert "DOCTYPE" in answer.json()["error"]["message"]
