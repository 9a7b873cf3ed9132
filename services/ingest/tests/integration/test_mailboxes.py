"""Upload, list, edit, download and send through the HTTP API (ING-1, ING-4, ING-5, ING-9, ING-10)."""
from __future__ import annotations

import pytest

from ingest_testkit import outbox, pdf_bytes, png_bytes, seed, upload

pytestmark = pytest.mark.integration


async def test_upload_many_list_send_publishes_once(client, world, pool):
    """ING-1 many files at once into Purchases; ING-5 list with paging and sorting; ING-9 send → document.received once."""
    response = await upload(client, world, "ADMINISTRATOR", "purchases", None,
                            ("a.pdf", pdf_bytes(2)), ("b.pdf", pdf_bytes(1)), ("photo.png", png_bytes()))
    assert response.status_code == 201, response.text
    docs = response.json()["documents"]
    assert [d["page_count"] for d in docs] == [2, 1, 1]
    assert docs[2]["filename"] == "photo.pdf" and docs[2]["has_original"] and docs[2]["content_type"] == "application/pdf"
    assert {d["source"] for d in docs} == {"portal"} and docs[0]["sender"] == "administrator@client.test"

    listed = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents?sort=filename&per_page=2",
                              headers=world.headers("ADMINISTRATOR"))
    body = listed.json()
    assert body["total"] == 3 and [d["filename"] for d in body["items"]] == ["a.pdf", "b.pdf"]
    assert (await client.get(f"/dossiers/{world.own}/mailboxes/sales/documents",
                             headers=world.headers("ADMINISTRATOR"))).json()["total"] == 0

    ids = [docs[0]["id"], docs[1]["id"]]
    sent = await client.post(f"/dossiers/{world.own}/send", json={"document_ids": ids}, headers=world.headers("ADMIN"))
    assert sent.status_code == 200 and {d["status"] for d in sent.json()["documents"]} == {"processing"}
    again = await client.post(f"/dossiers/{world.own}/send", json={"document_ids": ids}, headers=world.headers("ADMIN"))
    assert again.status_code == 200
    events = [e for e in await outbox(pool) if e["topic"] == "document.received"]
    assert sorted(e["document_id"] for e in events) == sorted(ids), "sending twice publishes once"
    assert events[0]["source"] == "portal" and events[0]["sha256"] and events[0]["storage_key"].startswith("sha256/")
    processing = await client.get(f"/dossiers/{world.own}/processing", headers=world.headers("ADMINISTRATOR"))
    assert processing.json()["total"] == 2
    left = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents", headers=world.headers("ADMIN"))
    assert [d["filename"] for d in left.json()["items"]] == ["photo.pdf"]


async def test_labels_notes_rename_download_delete(client, world, store):
    """ING-5: labels, notes, rename, download (also the original photo), delete."""
    doc = (await upload(client, world, "DOCUMENT_PROCESSING", "misc", None, ("ph.png", png_bytes()))).json()["documents"][0]
    url = f"/dossiers/{world.own}/documents/{doc['id']}"
    h = world.headers("DOCUMENT_PROCESSING")
    changed = await client.patch(url, json={"labels": ["urgent", "Q1"], "note": "pay by friday",
                                            "filename": "../../etc/receipt\x07.pdf"}, headers=h)
    assert changed.status_code == 200, changed.text
    assert changed.json()["labels"] == ["urgent", "Q1"] and changed.json()["filename"] == "receipt.pdf"
    assert (await client.get(f"/dossiers/{world.own}/labels", headers=h)).json()["labels"] == ["Q1", "urgent"]
    found = await client.get(f"/dossiers/{world.own}/mailboxes/misc/documents?label=urgent&q=friday", headers=h)
    assert found.json()["total"] == 1
    pdf = await client.get(f"{url}/content", headers=h)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "receipt.pdf" in pdf.headers["content-disposition"]
    original = await client.get(f"{url}/content?original=true", headers=h)
    assert original.headers["content-type"] == "image/png"
    thumb = await client.get(f"{url}/pages/1/thumbnail", headers=h)
    assert thumb.status_code == 200 and thumb.content.startswith(b"\x89PNG")
    assert (await client.delete(url, headers=h)).status_code == 204
    assert (await client.get(url, headers=h)).status_code == 404
    assert store.objects, "deleting the document keeps the stored original"


async def test_api_key_uploads_to_its_mailbox_only(client, world, pool):
    """ING-4: an API key uploads to its dossier's mailbox (source 'api'), not to another mailbox or to read."""
    ok = await upload(client, world, "API_KEY", "purchases", None, ("api.pdf", pdf_bytes()))
    assert ok.status_code == 201 and ok.json()["documents"][0]["source"] == "api"
    assert (await upload(client, world, "API_KEY", "sales", None, ("api.pdf", pdf_bytes()))).status_code == 403
    assert (await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents",
                             headers=world.headers("API_KEY"))).status_code == 403


async def test_auto_transmission_skips_the_mailbox_for_whitelisted_senders(client, pool, world):
    """ING-10: purchases auto-transmitted for the whitelist only; straight to In processing, published once."""
    await seed(pool, world, auto_transmission={"purchases": {"enabled": True,
                                                             "sender_whitelist": ["administrator@client.test"]}})
    auto = (await upload(client, world, "ADMINISTRATOR", "purchases", None, ("x.pdf", pdf_bytes()))).json()
    assert auto["documents"][0]["status"] == "processing" and auto["documents"][0]["auto_transmitted"]
    kept = (await upload(client, world, "FULL_ACCESS", "purchases", None, ("y.pdf", pdf_bytes()))).json()
    assert kept["documents"][0]["status"] == "mailbox"
    sales = (await upload(client, world, "ADMINISTRATOR", "sales", None, ("z.pdf", pdf_bytes()))).json()
    assert sales["documents"][0]["status"] == "mailbox"
    events = [e for e in await outbox(pool) if e["topic"] == "document.received"]
    assert [e["document_id"] for e in events] == [auto["documents"][0]["id"]] and events[0]["auto_transmitted"]
