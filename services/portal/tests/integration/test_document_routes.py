"""The documents pages of the portal against the real ingest app in process (fake office for the session):
upload (ING-1), split (ING-6), bulk split (ING-8), merge (ING-7), send (ING-9), mobile capture (ING-3), DOS-4."""
from __future__ import annotations

import io
import re

import pikepdf
import pytest
from contracts.events.dossiers import DossierChanged
from PIL import Image
from portal_testkit.harness import attach_service, csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from runtime.auth.tokens import Unauthenticated
from runtime.db import create_pool
from runtime.service import http_app
from runtime.storage import FakeObjectStore
from runtime.testing import temp_database

from ingest.bootstrap import MIGRATIONS, SPEC
from ingest.config import IngestSettings
from ingest.handlers.context import Deps
from ingest.handlers.events import on_dossier_changed

pytestmark = pytest.mark.integration


class FakeOfficeTokens:
    """Verifies the fake office's opaque access tokens as the real verifier would its JWTs."""

    def __init__(self, fake) -> None:
        self.fake = fake

    async def verify(self, token: str):
        user_id = self.fake.access_tokens.get(token)
        if user_id is None:
            raise Unauthenticated("unknown token")
        return self.fake.principal(self.fake.users[user_id])


def pdf(pages: int, tag: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as doc:
        for _ in range(pages):
            doc.add_blank_page()
        doc.docinfo["/Title"] = tag
        doc.save(out)
    return out.getvalue()


def photo(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 60), color).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
async def ingest_app(fake):
    settings = IngestSettings(service="ingest-portal-test", ingest_smtp_enabled=False)
    async with temp_database(settings, MIGRATIONS) as dsn:
        pool = await create_pool(dsn)
        async with pool.acquire() as conn, conn.transaction():
            for dossier_id, dossier in fake.dossiers.items():
                await on_dossier_changed(conn, DossierChanged.model_validate({
                    "correlation_id": "t", "office_id": fake.office["id"], "dossier_id": dossier_id,
                    "change": "created", "dossier": {"name": dossier["name"]}}))
        app = http_app(SPEC, settings, Deps(pool=pool, store=FakeObjectStore(), settings=settings),
                       token_verifier=FakeOfficeTokens(fake))
        yield app
        await pool.close()


async def _portal(office_app, ingest_app, email):
    context = portal_client(office_app)
    client = await context.__aenter__()
    attach_service(client, "ingest", ingest_app)
    await login(client, email, PASSWORD)
    return context, client


async def test_upload_split_bulk_merge_and_send(fake, office_app, ingest_app):
    bakery = next(iter(fake.dossiers))
    context, client = await _portal(office_app, ingest_app, "document_processing@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        assert page.status_code == 200 and 'id="dropzone"' in page.text
        csrf = {"X-CSRF-Token": csrf_of(page.text)}
        files = [("files", (name, pdf(n, name), "application/pdf")) for name, n in (("scan.pdf", 3), ("bulk.pdf", 4))]
        uploaded = await client.post(f"/dossiers/{bakery}/documents/upload?box=purchases", files=files, headers=csrf)
        assert uploaded.status_code == 201, uploaded.text
        scan, bulk = uploaded.json()["documents"]
        listing = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        assert "scan.pdf" in listing.text and "bulk.pdf" in listing.text

        picker = await client.get(f"/dossiers/{bakery}/documents/{scan['id']}/split")
        assert picker.text.count('class="page"') == 3
        image = await client.get(f"/dossiers/{bakery}/documents/{scan['id']}/pages/1.png")
        assert image.content.startswith(b"\x89PNG")
        form = {"csrf_token": csrf_of(picker.text), "box": "purchases"}
        split = await client.post(f"/dossiers/{bakery}/documents/{scan['id']}/split",
                                  data={**form, "mode": "split", "parts": "1,2;3", "send": "0"})
        assert split.status_code == 303
        bulked = await client.post(f"/dossiers/{bakery}/documents/{bulk['id']}/split",
                                   data={**form, "mode": "bulk", "first_pages": "1,3", "send": "0"})
        assert bulked.status_code == 303
        listing = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        for name in ("scan (1).pdf", "scan (2).pdf", "bulk (1).pdf", "bulk (2).pdf"):
            assert name in listing.text
        ids = [line.split('value="')[1].split('"')[0] for line in listing.text.splitlines() if 'name="ids"' in line]
        assert len(ids) == 4

        to_merge = await client.post(f"/dossiers/{bakery}/documents/actions",
                                     data={**form, "action": "merge", "ids": ids[:2]})
        assert to_merge.status_code == 303 and "/documents/merge?" in to_merge.headers["location"]
        merge_page = await client.get(to_merge.headers["location"])
        chosen = ",".join(f"{d}:1" for d in ids[:2])
        merged = await client.post(f"/dossiers/{bakery}/documents/merge",
                                   data={"csrf_token": csrf_of(merge_page.text), "box": "purchases", "pages": chosen})
        assert merged.status_code == 303
        listing = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        ids = [line.split('value="')[1].split('"')[0] for line in listing.text.splitlines() if 'name="ids"' in line]
        assert len(ids) == 3

        sent = await client.post(f"/dossiers/{bakery}/documents/actions", data={**form, "action": "send", "ids": ids})
        assert sent.status_code == 303
        processing = await client.get(f"/dossiers/{bakery}/documents?box=processing")
        assert processing.text.count('name="ids"') == 3
        assert (await client.get(f"/dossiers/{bakery}/documents?box=purchases")).text.count('name="ids"') == 0
    finally:
        await context.__aexit__(None, None, None)


async def test_mobile_capture_and_delivery_profile(fake, office_app, ingest_app):
    """ING-3 several photos → one document; Document delivery sees the upload zone only; collaborators get no capture."""
    bakery = next(iter(fake.dossiers))
    context, client = await _portal(office_app, ingest_app, "document_delivery@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/capture")
        assert page.status_code == 200 and 'capture="environment"' in page.text
        csrf = {"X-CSRF-Token": csrf_of(page.text) if 'name="csrf_token"' in page.text else
                page.text.split('"X-CSRF-Token": "')[1].split('"')[0]}
        photos = [("files", (f"{c}.jpg", photo(c), "image/jpeg")) for c in ("red", "green", "blue")]
        made = await client.post(f"/dossiers/{bakery}/capture?box=purchases", files=photos, headers=csrf)
        assert made.status_code == 201, made.text
        assert made.json()["documents"][0]["page_count"] == 3 and made.json()["documents"][0]["source"] == "mobile"
        documents = await client.get(f"/dossiers/{bakery}/documents")
        assert 'id="dropzone"' in documents.text and 'id="doc-actions"' not in documents.text
    finally:
        await context.__aexit__(None, None, None)
    context, client = await _portal(office_app, ingest_app, "collab@demo.test")
    try:
        assert (await client.get(f"/dossiers/{bakery}/capture")).status_code == 403
        assert (await client.get(f"/dossiers/{bakery}/documents")).status_code == 200
    finally:
        await context.__aexit__(None, None, None)


async def test_the_pay_button_on_purchase_invoices(fake, office_app, ingest_app):
    """PAY-1: with the payment module on, a user who may pay gets a Pay button (posting only the document id) on
    the purchases mailbox's documents; none on sales, none for a profile that may not pay."""
    bakery = next(iter(fake.dossiers))
    fake.overrides[bakery]["payment_module"] = True
    context, client = await _portal(office_app, ingest_app, "full_access@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        csrf = {"X-CSRF-Token": csrf_of(page.text)}
        for box in ("purchases", "sales"):
            files = [("files", (f"{box}.pdf", pdf(1, box), "application/pdf"))]
            assert (await client.post(f"/dossiers/{bakery}/documents/upload?box={box}", files=files,
                                      headers=csrf)).status_code == 201
        purchases = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        [doc_id] = re.findall(r'<tr data-document="([^"]+)"', purchases.text)
        assert (f'formaction="/dossiers/{bakery}/payments/new" name="document_id" value="{doc_id}"'
                in purchases.text)
        assert 'class="pay"' not in (await client.get(f"/dossiers/{bakery}/documents?box=sales")).text
    finally:
        await context.__aexit__(None, None, None)
    context, client = await _portal(office_app, ingest_app, "document_processing@client.test")
    try:
        assert 'class="pay"' not in (await client.get(f"/dossiers/{bakery}/documents?box=purchases")).text
    finally:
        await context.__aexit__(None, None, None)


async def test_a_byte_identical_upload_is_said_plainly_with_the_document_already_there(fake, office_app, ingest_app):
    """Issue 15 item 9: the same file uploaded again is not stored twice, and the answer the upload widget shows
    says so in words, naming the file already there, its mailbox and when it came (kept after the reload)."""
    bakery = next(iter(fake.dossiers))
    context, client = await _portal(office_app, ingest_app, "document_processing@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        csrf = {"X-CSRF-Token": csrf_of(page.text)}
        same = pdf(1, "aws-invoice")
        first = await client.post(f"/dossiers/{bakery}/documents/upload?box=purchases", headers=csrf,
                                  files=[("files", ("aws.pdf", same, "application/pdf"))])
        assert first.status_code == 201, first.text
        again = await client.post(f"/dossiers/{bakery}/documents/upload?box=purchases", headers=csrf,
                                  files=[("files", ("aws (copy).pdf", same, "application/pdf"))])
        assert again.status_code == 200 and again.json()["documents"] == []
        [duplicate] = again.json()["duplicates"]
        assert duplicate["duplicate_of"]["id"] == first.json()["documents"][0]["id"]
        message = duplicate["message"]
        assert message.startswith("aws (copy).pdf was not stored again: the very same file is already here as aws.pdf")
        assert "(Purchases, received " in message and "<" not in message
    finally:
        await context.__aexit__(None, None, None)


async def test_deleting_documents_names_them_first_and_says_how_many_went(fake, office_app, ingest_app):
    """ING-5, issue 15 item 4: Delete in a mailbox asks first, naming the files; nothing goes until confirmed; the
    mailbox then says how many were deleted."""
    bakery = next(iter(fake.dossiers))
    context, client = await _portal(office_app, ingest_app, "document_processing@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        files = [("files", (name, pdf(1, name), "application/pdf")) for name in ("keep.pdf", "gone-now.pdf")]
        uploaded = await client.post(f"/dossiers/{bakery}/documents/upload?box=purchases", files=files,
                                     headers={"X-CSRF-Token": csrf_of(page.text)})
        keep, gone = uploaded.json()["documents"]
        form = {"csrf_token": csrf_of(page.text), "box": "purchases", "action": "delete", "ids": [gone["id"]]}
        asked = await client.post(f"/dossiers/{bakery}/documents/actions", data=form)
        assert asked.status_code == 200 and "Delete 1 document?" in asked.text
        assert "gone-now.pdf" in asked.text and "keep.pdf" not in asked.text
        assert "gone-now.pdf" in (await client.get(f"/dossiers/{bakery}/documents?box=purchases")).text  # not yet
        confirmed = await client.post(f"/dossiers/{bakery}/documents/actions", follow_redirects=True,
                                      data={**form, "csrf_token": csrf_of(asked.text), "confirmed": "1"})
        assert 'id="deleted-notice"' in confirmed.text and "1 document deleted." in confirmed.text
        assert "keep.pdf" in confirmed.text and "gone-now.pdf" not in confirmed.text
    finally:
        await context.__aexit__(None, None, None)


async def test_sent_documents_say_where_they_are_and_what_the_office_asks(fake, office_app, ingest_app, notify,
                                                                          notify_app):
    """Issue 15 item 5: sending says how many went and opens the sent documents, each with its state and the day it
    was sent, filtered by state and paged; a document the office asked about (WL-6) links to the question."""
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app, notify_app=notify_app) as client:
        attach_service(client, "ingest", ingest_app)
        await login(client, "document_processing@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/documents?box=purchases")
        csrf = csrf_of(page.text)
        files = [("files", (f"{name}.pdf", pdf(1, name), "application/pdf")) for name in ("asked", "kept")]
        asked, kept = (await client.post(f"/dossiers/{bakery}/documents/upload?box=purchases", files=files,
                                         headers={"X-CSRF-Token": csrf})).json()["documents"]
        sent = await client.post(f"/dossiers/{bakery}/documents/actions",
                                 data={"csrf_token": csrf, "box": "purchases", "action": "send", "ids": [asked["id"]]})
        client_user = next(u.id for u in fake.users.values() if u.email == "document_processing@client.test")
        thread = notify.ask(bakery, "Which project is this for?", document_id=asked["id"],
                            recipient_user_id=client_user)
        listed = await client.get(sent.headers["location"])
        booked_only = await client.get(f"/dossiers/{bakery}/documents?box=processing&state=booked")
        processing = await client.get(f"/dossiers/{bakery}/documents?box=processing&state=processing")
    assert sent.status_code == 303 and sent.headers["location"].endswith("documents?box=processing&sent=1")
    assert 'id="sent-notice"' in listed.text and f'data-document="{kept["id"]}"' not in listed.text
    assert re.search(rf'data-document="{asked["id"]}"[^>]*data-state="processing"', listed.text)
    assert f'class="question" href="/dossiers/{bakery}/messages/{thread["id"]}"' in listed.text
    assert f'data-document="{asked["id"]}"' not in booked_only.text and 'id="state-filter"' in booked_only.text
    assert f'data-document="{asked["id"]}"' in processing.text
