"""Split (ING-6), merge (ING-7), bulk split (ING-8) and capture (ING-3) through the HTTP API."""
from __future__ import annotations

import io

import pikepdf
import pytest

from ingest_testkit import outbox, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.integration


def pages_of(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


async def test_split_keeps_parts_in_the_mailbox_or_sends_them(client, world, pool):
    """ING-6: pages of each invoice become documents; the source is replaced; send=true sends the parts at once."""
    h = world.headers("DOCUMENT_PROCESSING")
    doc = (await upload(client, world, "DOCUMENT_PROCESSING", "purchases", None,
                        ("scan.pdf", pdf_bytes(5)))).json()["documents"][0]
    bad = await client.post(f"/dossiers/{world.own}/documents/{doc['id']}/split", json={"parts": [[1, 2], [2]]}, headers=h)
    assert bad.status_code == 422 and "page 2 is in more than one part" in bad.json()["error"]["message"]
    made = await client.post(f"/dossiers/{world.own}/documents/{doc['id']}/split",
                             json={"parts": [[1, 2], [3], [4, 5]], "send": True}, headers=h)
    assert made.status_code == 201, made.text
    parts = made.json()["documents"]
    assert [p["page_count"] for p in parts] == [2, 1, 2] and {p["status"] for p in parts} == {"processing"}
    assert parts[0]["filename"] == "scan (1).pdf" and parts[0]["derived_from"] == [doc["id"]]
    content = await client.get(f"/dossiers/{world.own}/documents/{parts[2]['id']}/content", headers=h)
    assert pages_of(content.content) == 2
    assert (await client.get(f"/dossiers/{world.own}/documents/{doc['id']}", headers=h)).status_code == 404
    events = [e for e in await outbox(pool) if e["topic"] == "document.received"]
    assert len(events) == 3 and all(e["derived_from"] == [doc["id"]] for e in events)


async def test_bulk_split_by_first_pages(client, world):
    """ING-8: first pages 1, 3, 4 of a 6-page scan give parts of 2, 1 and 3 pages, kept in the mailbox."""
    h = world.headers("FULL_ACCESS")
    doc = (await upload(client, world, "FULL_ACCESS", "sales", None, ("bulk.pdf", pdf_bytes(6)))).json()["documents"][0]
    made = await client.post(f"/dossiers/{world.own}/documents/{doc['id']}/bulk-split",
                             json={"first_pages": [4, 1, 3]}, headers=h)
    assert made.status_code == 201, made.text
    assert [(p["page_count"], p["status"], p["mailbox"]) for p in made.json()["documents"]] == \
        [(2, "mailbox", "sales"), (1, "mailbox", "sales"), (3, "mailbox", "sales")]
    wrong = await client.post(f"/dossiers/{world.own}/documents/{made.json()['documents'][0]['id']}/bulk-split",
                              json={"first_pages": [2]}, headers=h)
    assert wrong.status_code == 422 and "page 1 must be the first page" in wrong.json()["error"]["message"]


async def test_merge_chosen_pages_of_several_documents(client, world):
    """ING-7: pick pages of two documents in a chosen order; one new document; the sources are replaced."""
    h = world.headers("ADMIN")
    a, b = (await upload(client, world, "ADMIN", "purchases", None, ("a.pdf", pdf_bytes(3)),
                         ("b.pdf", pdf_bytes(2)))).json()["documents"]
    pages = [{"document_id": b["id"], "page": 2}, {"document_id": a["id"], "page": 1}, {"document_id": a["id"], "page": 3}]
    merged = await client.post(f"/dossiers/{world.own}/merge", json={"pages": pages, "filename": "together.pdf"},
                               headers=h)
    assert merged.status_code == 201, merged.text
    doc = merged.json()["document"]
    assert doc["page_count"] == 3 and doc["filename"] == "together.pdf" and set(doc["derived_from"]) == {a["id"], b["id"]}
    listed = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents", headers=h)
    assert [d["id"] for d in listed.json()["items"]] == [doc["id"]]
    twice = await client.post(f"/dossiers/{world.own}/merge", json={"pages": pages}, headers=h)
    assert twice.status_code == 404, "replaced sources cannot be merged again"


async def test_mobile_capture_turns_photos_into_one_pdf(client, world, store):
    """ING-3: several photos become one multi-page PDF (source 'mobile'); collaborators cannot use the capture."""
    photos = [("files", (f"p{i}.jpg", png_bytes(), "image/png")) for i in range(3)]
    url = f"/dossiers/{world.own}/mailboxes/purchases/capture"
    made = await client.post(url, files=photos, headers=world.headers("DOCUMENT_DELIVERY"))
    assert made.status_code == 201, made.text
    doc = made.json()["documents"][0]
    assert doc["page_count"] == 3 and doc["source"] == "mobile" and doc["has_original"]
    stored = [data for data, kind in store.objects.values() if kind == "application/pdf"]
    assert any(pages_of(data) == 3 for data in stored)
    assert (await client.post(url, files=photos, headers=world.headers("ADMIN"))).status_code == 403
    assert doc["filename"] == "capture-3-photos.pdf", "without a name from the caller"


async def test_the_capture_is_named_as_the_caller_says(client, world):
    """ING-3, issue 15: the portal names the PDF in the reader's language; the name is cleaned as any file name."""
    photos = [("files", (f"n{i}.jpg", png_bytes(), "image/png")) for i in range(2)]
    url, h = f"/dossiers/{world.own}/mailboxes/purchases/capture", world.headers("DOCUMENT_DELIVERY")
    made = await client.post(url, files=photos, data={"filename": "../opname van 2 foto's"}, headers=h)
    assert made.status_code == 201, made.text
    assert made.json()["documents"][0]["filename"] == "opname van 2 foto's.pdf"
    too_long = await client.post(url, files=photos, data={"filename": "x" * 201}, headers=h)
    assert too_long.status_code == 422 and "filename" in too_long.text
