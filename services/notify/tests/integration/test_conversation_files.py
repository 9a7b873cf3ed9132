"""COM-1 attachments over notify's HTTP API on the real Postgres: office and client attach PDFs and images to a
message, stored in the object store; the other side downloads them; type, size and count limits are clear 4xx;
a client of another dossier, a client the thread is not addressed to and a foreign office cannot download."""
from __future__ import annotations

import uuid

import pytest

from conversation_kit import DOSSIER, QUIET, as_, base, only_thread, pool, store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(*files: tuple[str, bytes, str]) -> list:
    return [("files", f) for f in files]


async def test_both_sides_attach_and_download(pool, as_, store):  # noqa: F811
    anna, jan = as_("ANNA"), as_("JAN")
    thread = await only_thread(anna)
    sent = await anna.post(f"{base()}/{thread['id']}/files", data={"text": "Here is the receipt"},
                           files=upload(("../../receipt.pdf", PDF, "application/octet-stream"),
                                        ("photo.png", PNG, "image/png")))
    assert sent.status_code == 201, sent.text
    assert [(f["filename"], f["content_type"], f["size"]) for f in sent.json()["files"]] == [
        ("receipt.pdf", "application/pdf", len(PDF)), ("photo.png", "image/png", len(PNG))]
    assert sent.json()["mails_queued"] == 1
    seen = (await jan.get(f"{base()}/{thread['id']}")).json()["messages"][-1]
    assert seen["text"] == "Here is the receipt" and [f["filename"] for f in seen["files"]] == ["receipt.pdf",
                                                                                                "photo.png"]
    got = await jan.get(f"{base()}/{thread['id']}/files/{seen['files'][0]['id']}")
    assert got.status_code == 200 and got.content == PDF and got.headers["content-type"] == "application/pdf"
    assert "attachment" in got.headers["content-disposition"] and "receipt.pdf" in got.headers["content-disposition"]
    assert await store.get_bytes(await pool.fetchval("SELECT storage_key FROM message_files WHERE filename = "
                                                     "'photo.png'")) == PNG
    office = await jan.post(f"{base()}/{thread['id']}/files", files=upload(("scan.pdf", PDF, "application/pdf")))
    assert office.status_code == 201 and office.json()["text"] == "" and office.json()["author_side"] == "office"
    file_id = office.json()["files"][0]["id"]
    assert (await anna.get(f"{base()}/{thread['id']}/files/{file_id}")).content == PDF

    # who may not: a user the thread is not addressed to (document processing), a foreign office, another dossier
    assert (await as_("BOB").get(f"{base()}/{thread['id']}/files/{file_id}")).status_code == 404
    assert (await as_("FOREIGN").get(f"{base()}/{thread['id']}/files/{file_id}")).status_code == 403
    other = await only_thread(anna, QUIET)
    assert (await anna.get(f"{base(QUIET)}/{other['id']}/files/{file_id}")).status_code == 404
    assert (await anna.get(f"{base()}/{thread['id']}/files/{uuid.uuid4()}")).status_code == 404


@pytest.mark.parametrize("name,data,status,code", [
    ("invoice.exe", b"MZ\x90\x00", 415, "attachment_type"),
    ("fake.pdf", b"<html>not a pdf</html>", 415, "attachment_type"),
    ("empty.pdf", b"", 415, "attachment_type"),
    ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), 413, "attachment_too_large"),
])
async def test_what_is_not_a_pdf_or_image_or_too_large_is_refused(pool, as_, name, data, status, code):  # noqa: F811
    anna = as_("ANNA")
    thread = await only_thread(anna)
    refused = await anna.post(f"{base()}/{thread['id']}/files", data={"text": "x"},
                              files=upload((name, data, "application/pdf")))
    assert refused.status_code == status and refused.json()["error"]["code"] == code
    assert await pool.fetchval("SELECT count(*) FROM message_files") == 0
    assert await pool.fetchval("SELECT count(*) FROM messages WHERE text = 'x'") == 0


async def test_too_many_files_and_nothing_at_all_are_refused(pool, as_):  # noqa: F811
    anna = as_("ANNA")
    thread = await only_thread(anna)
    many = await anna.post(f"{base()}/{thread['id']}/files", files=upload(*[(f"{i}.pdf", PDF, "a") for i in range(6)]))
    assert many.status_code == 415 and str(many.json()["error"]["params"]["max"]) == "5"
    assert (await anna.post(f"{base()}/{thread['id']}/files", data={"text": "  "})).status_code == 422
    assert (await as_("DAN").post(f"{base()}/{thread['id']}/files", files=upload(("a.pdf", PDF, "a")))).status_code \
        == 403  # document delivery may not reply
