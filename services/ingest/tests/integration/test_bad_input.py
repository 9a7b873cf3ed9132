"""Bad input gets a clear error naming the problem, and nothing already stored is lost (ING-1, ING-2, DESIGN)."""
from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest
from PIL import Image

from ingest_testkit import pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.integration


def _error(response) -> tuple[int, str, str]:
    body = response.json()
    return response.status_code, body["error"]["code"], body["error"]["message"]


async def test_unsupported_type_is_refused_by_content_not_name(client, world):
    status, code, message = _error(await upload(client, world, "ADMIN", "purchases", None,
                                                ("invoice.pdf", b"MZ\x90\x00 this is an executable")))
    assert (status, code) == (422, "unsupported_type") and "invoice.pdf" in message


async def test_empty_file(client, world):
    assert _error(await upload(client, world, "ADMIN", "purchases", None, ("empty.pdf", b"")))[:2] == (422, "empty_file")


async def test_over_the_size_limit_keeps_the_other_files(client, world, settings):
    """Over the per-file limit (configurable; 20 MB by default) → 413; the good file of the same upload is stored."""
    big = b"%PDF-1.4\n" + b"0" * settings.ingest_max_file_bytes
    alone = await upload(client, world, "ADMIN", "purchases", None, ("big.pdf", big))
    assert _error(alone)[:2] == (413, "too_large") and "limit" in _error(alone)[2]
    mixed = await upload(client, world, "ADMIN", "purchases", None, ("big.pdf", big), ("ok.pdf", pdf_bytes()))
    assert mixed.status_code == 201
    assert [d["filename"] for d in mixed.json()["documents"]] == ["ok.pdf"]
    assert mixed.json()["rejected"][0]["code"] == "too_large"


async def test_encrypted_and_corrupt_pdfs_are_kept_flagged_and_not_split(client, world):
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    corrupt = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage" + b"\x00" * 50
    response = await upload(client, world, "ADMIN", "purchases", None, ("locked.pdf", out.getvalue()),
                            ("broken.pdf", corrupt))
    assert response.status_code == 201
    locked, broken = response.json()["documents"]
    assert locked["flags"] == ["encrypted"] and "password" in locked["problem"]
    assert broken["flags"] == ["corrupt"] and broken["page_count"] is None
    split = await client.post(f"/dossiers/{world.own}/documents/{locked['id']}/split", json={"parts": [[1]]},
                              headers=world.headers("ADMIN"))
    assert _error(split)[:2] == (409, "not_splittable")
    assert (await client.get(f"/dossiers/{world.own}/documents/{locked['id']}/content",
                             headers=world.headers("ADMIN"))).content == out.getvalue(), "kept as it came"


async def test_pdf_of_thousands_of_pages(client, world, settings):
    status, code, message = _error(await upload(client, world, "ADMIN", "purchases", None,
                                                ("huge.pdf", pdf_bytes(settings.ingest_max_pages + 1))))
    assert (status, code) == (422, "too_many_pages") and str(settings.ingest_max_pages) in message


async def test_zip_of_documents_and_zip_bomb(client, world):
    """A ZIP of PDFs and photos becomes documents (names without folders); a decompression bomb is refused."""
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../evil/a.pdf", pdf_bytes())
        archive.writestr("photos/b.png", png_bytes())
        archive.writestr("notes.txt", "hello")
    response = await upload(client, world, "ADMIN", "purchases", None, ("batch.zip", good.getvalue()))
    assert response.status_code == 201
    assert [d["filename"] for d in response.json()["documents"]] == ["a.pdf", "b.pdf"]
    assert response.json()["rejected"][0]["code"] == "unsupported_type"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.pdf", b"%PDF-" + b"\x00" * 50_000_000)
    status, code, _ = _error(await upload(client, world, "ADMIN", "purchases", None, ("bomb.zip", bomb.getvalue())))
    assert status in (413, 422) and code in ("decompression_bomb", "too_large")


async def test_image_decompression_bomb(client, world, settings):
    out = io.BytesIO()
    Image.new("1", (5000, 5000)).save(out, "PNG")  # tiny file, 25 megapixels
    status, code, message = _error(await upload(client, world, "ADMIN", "purchases", None, ("bomb.png", out.getvalue())))
    assert (status, code) == (422, "decompression_bomb") and "5000x5000" in message


async def test_path_traversal_and_control_characters_in_names(client, world):
    """Names keep no folders and no control or bidi characters (sent raw, as a hostile client would)."""
    boundary = "bfboundary"
    parts = b""
    for name in ("..\\..\\windows\\x\u202e\x00fdp.pdf", "/etc/\x1b\x07passwd.pdf"):
        parts += (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                  "Content-Type: application/pdf\r\n\r\n").encode() + pdf_bytes() + b"\r\n"
    parts += f"--{boundary}--\r\n".encode()
    response = await client.post(f"/dossiers/{world.own}/mailboxes/purchases/documents", content=parts,
                                 headers={**world.headers("ADMIN"),
                                          "content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 201, response.text
    assert [d["filename"] for d in response.json()["documents"]] == ["xfdp.pdf", "passwd.pdf"]


async def test_same_file_twice_is_flagged_and_stored_once(client, world, store):
    data = pdf_bytes()
    first = await upload(client, world, "ADMIN", "purchases", None, ("one.pdf", data))
    writes = store.writes
    second = await upload(client, world, "ADMIN", "purchases", None, ("copy.pdf", data))
    assert second.status_code == 200 and second.json()["documents"] == []
    assert second.json()["duplicates"][0]["duplicate_of"]["id"] == first.json()["documents"][0]["id"]
    assert store.writes == writes
    listed = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents", headers=world.headers("ADMIN"))
    assert listed.json()["total"] == 1


async def test_ubl_xml_accepted_and_xml_with_entities_refused(client, world):
    ubl = b'<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>'
    response = await upload(client, world, "ADMIN", "purchases", None, ("inv.xml", ubl), ("evil.xml", evil))
    assert [d["content_type"] for d in response.json()["documents"]] == ["application/xml"]
    assert "DOCTYPE" in response.json()["rejected"][0]["message"]


@pytest.mark.parametrize(("route", "who", "field", "files"), [
    ("capture", "DOCUMENT_DELIVERY", "filename", [("files", ("p.jpg", png_bytes(), "image/png"))]),
    ("documents", "ADMIN", "note", [("files", ("a.pdf", pdf_bytes(), "application/pdf"))]),
])
async def test_a_nul_in_a_multipart_text_field_is_refused_naming_it(client, world, store, pool, route, who, field,
                                                                    files):
    """Issue 19 item 5: runtime.edge checks a form's text fields as it checks JSON (the route never runs)."""
    url = f"/dossiers/{world.own}/mailboxes/purchases/{route}"
    refused = await client.post(url, files=files, data={field: "scan\x00.pdf"}, headers=world.headers(who))
    assert refused.status_code == 422, refused.text
    assert [f["field"] for f in refused.json()["error"]["fields"]] == [field] and "NUL" in refused.text
    assert store.writes == 0 and await pool.fetchval("SELECT count(*) FROM documents") == 0
