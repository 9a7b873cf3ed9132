"""The archive screens through the portal against the fake office and the fake reporting service (REP-3): search by
counterparty, number, amount and journal, the document with its entry and preview, the original's download
through ingest, the Excel export, the matrix (FULL_FEEDBACK without files, DOCUMENT_PROCESSING without archive),
data as text."""
from __future__ import annotations

import re

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import Response

from portal.domain.amounts import money
from portal_testkit.harness import attach_service, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration


def eur(amount: str) -> str:
    """An amount as an English page writes it (the shared formatter's notation for English)."""
    return money(amount, "en")

FULL, FEEDBACK, PROCESSING = "full_access@client.test", "full_feedback@client.test", "document_processing@client.test"
DOC, XML_DOC = "6a1c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f", "7b2d4b63-0b5c-4d2f-9e3a-1b2c3d4e5f60"


def fake_ingest(seen: list[str]) -> FastAPI:
    """Ingest's content and page image of any document, recording what was asked."""
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/documents/{document_id}/content")
    async def content(dossier_id: str, document_id: str, request: Request) -> Response:
        seen.append(f"content {document_id} {request.url.query}")
        original = request.query_params.get("original") == "true"
        return Response(b"%PDF-original" if original else b"%PDF-stored", media_type="application/pdf",
                        headers={"content-disposition": 'attachment; filename="invoice.pdf"'})

    @app.get("/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail")
    async def thumbnail(dossier_id: str, document_id: str, page: int) -> Response:
        seen.append(f"page {document_id} {page}")
        return Response(b"\x89PNG fake", media_type="image/png")

    return app


def rows(html: str) -> list[str]:
    return re.findall(r'<tr data-document="([^"]+)"', html)


async def test_archive_search_by_counterparty_number_amount_and_journal(fake, reporting, reporting_app):
    """REP-3: the search box goes to reporting as q; amounts and dates in the page's language; tile → page."""
    bakery = bakery_of(fake)
    reporting.document(bakery, DOC, counterparty_name="<i>Proximus</i>", total="1234.50")
    reporting.document(bakery, XML_DOC, filename="peppol.xml", content_type="application/xml", invoice_number="UBL-9",
                       counterparty_name="Luminus", journal_code="ACH2", total="77.00")
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        tile = await client.get(f"/client/{bakery}/archive")
        assert tile.status_code in (302, 303) and tile.headers["location"].endswith(f"/dossiers/{bakery}/archive")
        page = await client.get(f"/dossiers/{bakery}/archive")
        assert page.status_code == 200 and rows(page.text) == [DOC, XML_DOC]
        assert "&lt;i&gt;Proximus&lt;/i&gt;" in page.text and "<i>Proximus" not in page.text
        assert eur("1234.50") in page.text and "2 documents" in page.text
        for q, expected in (("proximus", [DOC]), ("UBL-9", [XML_DOC]), ("1234,50", [DOC]), ("ACH2", [XML_DOC]),
                            ("77", [XML_DOC]), ("nobody", [])):
            found = await client.get(f"/dossiers/{bakery}/archive", params={"q": q})
            assert rows(found.text) == expected, q
        bad = await client.get(f"/dossiers/{bakery}/archive?type=poem")
        assert bad.status_code == 422 and "<code>type</code>" in bad.text
        export = await client.get(f"/dossiers/{bakery}/archive/export.xlsx?q=proximus")
        assert export.status_code == 200 and b"('q', 'proximus')" in export.content


async def test_document_preview_and_downloads_go_through_ingest(fake, reporting, reporting_app):
    """The document page shows its entry, a page image served by the portal and both downloads; an e-invoice has
    no page preview; a document not in this dossier's archive is a 404 and nothing is asked of ingest."""
    bakery, seen = bakery_of(fake), []
    reporting.document(bakery, DOC)
    reporting.document(bakery, XML_DOC, filename="peppol.xml", content_type="application/xml")
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        attach_service(client, "ingest", fake_ingest(seen))
        await login(client, FULL, PASSWORD)
        html = (await client.get(f"/dossiers/{bakery}/archive/{DOC}")).text
        assert "604000" in html and eur("100.00") in html and "Proximus" in html
        assert f'src="/dossiers/{bakery}/archive/{DOC}/pages/1.png"' in html
        image = await client.get(f"/dossiers/{bakery}/archive/{DOC}/pages/1.png")
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        stored = await client.get(f"/dossiers/{bakery}/archive/{DOC}/file")
        original = await client.get(f"/dossiers/{bakery}/archive/{DOC}/file?original=true")
        assert stored.content == b"%PDF-stored" and original.content == b"%PDF-original"
        assert original.headers["content-security-policy"] == "sandbox"
        assert 'id="no-preview"' in (await client.get(f"/dossiers/{bakery}/archive/{XML_DOC}")).text
        asked = len(seen)
        missing = "0a0a0a0a-9a4b-4c1e-8d2f-0a1b2c3d4e5f"
        assert (await client.get(f"/dossiers/{bakery}/archive/{missing}/file")).status_code == 404
        assert len(seen) == asked


async def test_archive_by_profile(fake, reporting, reporting_app):
    """FULL_FEEDBACK sees the archive's data but no file (its profile cannot read documents: 403, ingest not
    asked); DOCUMENT_PROCESSING has no archive (403, no tile)."""
    bakery, seen = bakery_of(fake), []
    reporting.document(bakery, DOC)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        attach_service(client, "ingest", fake_ingest(seen))
        await login(client, FEEDBACK, PASSWORD)
        detail = await client.get(f"/dossiers/{bakery}/archive/{DOC}")
        assert detail.status_code == 200 and 'id="no-file"' in detail.text and "/file" not in detail.text
        assert (await client.get(f"/dossiers/{bakery}/archive/{DOC}/file")).status_code == 403 and seen == []
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, PROCESSING, PASSWORD)
        assert (await client.get(f"/dossiers/{bakery}/archive")).status_code == 403
        assert 'data-area="archive"' not in (await client.get(f"/client/{bakery}")).text


async def test_invoices_show_their_payment_state_with_the_red_mark_and_pay(fake, reporting, reporting_app):
    """PAY-7, PAY-1 (issue 17): the archive shows each booked invoice's payment state — the red payment icon with
    "Payment in progress", Paid, Unpaid with Pay for a purchase invoice —; History shows the same mark with the
    invoice ticked done for the client (no tick button, no second Pay)."""
    bakery, open_doc = bakery_of(fake), "8c3e5c74-1c6d-4e3a-8f4b-2c3d4e5f6071"
    fake.overrides[bakery]["payment_module"] = True
    reporting.document(bakery, DOC, payment_state="payment_in_progress", journal_type="purchases")
    reporting.document(bakery, XML_DOC, payment_state="paid", journal_type="purchases")
    reporting.document(bakery, open_doc, payment_state="open", journal_type="purchases")
    reporting.invoice(bakery, "P-1", side="suppliers", payment_in_progress=True, done=True, document_id=DOC)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        html = (await client.get(f"/dossiers/{bakery}/archive")).text
        history = (await client.get(f"/dossiers/{bakery}/history?side=suppliers")).text
    cells = dict(re.findall(r'<tr data-document="([^"]+)">.*?data-label="Payment">(.*?)</td>', html, re.S))
    assert 'class="pay-mark" data-payment="in_progress"' in cells[DOC] and "Payment in progress" in cells[DOC]
    assert "<svg" in cells[DOC] and 'name="document_id"' not in cells[DOC]
    assert 'data-payment="paid"' in cells[XML_DOC] and 'name="document_id"' not in cells[XML_DOC]
    assert 'data-payment="open"' in cells[open_doc] and f'name="document_id" value="{open_doc}"' in cells[open_doc]
    row = re.search(r'<tr data-invoice="P-1">(.*?)</tr>', history, re.S).group(1)
    assert 'class="pay-mark"' in row and 'data-done="payment"' in row
    assert 'aria-pressed' not in row and 'name="document_id"' not in row
