"""The permanent dossier (REP-7) through the portal against the fake office, a worklist answering its filed misc
documents (WL-12) under the shared matrix, and ingest serving their files: types with counts, one type chosen, the
file for who may read documents, the list without files for FULL_FEEDBACK, refused for the others."""
from __future__ import annotations

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from portal_testkit.fake_caller import caller
from portal_testkit.harness import attach_service, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
STATUTES, LEASE, OTHER = ("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222",
                          "33333333-3333-4333-8333-333333333333")
ITEMS = [{"id": "p1", "document_id": STATUTES, "type": "statutes", "filename": "statuten.pdf",
          "content_type": "application/pdf", "note": "<i>2019</i>", "filed_at": "2026-02-03T10:00:00+00:00"},
         {"id": "p2", "document_id": LEASE, "type": "lease_contracts", "filename": "huur.pdf",
          "content_type": "application/pdf", "note": None, "filed_at": "2026-03-04T10:00:00+00:00"}]


def services(fake) -> tuple[FastAPI, FastAPI]:
    worklist, ingest = FastAPI(), FastAPI()

    @worklist.get("/dossiers/{dossier_id}/permanent-dossier")
    async def filed(dossier_id: str, request: Request, type: str = "") -> Response:
        _, refused = caller(fake, request, dossier_id, "archive.view")
        items = [i for i in ITEMS if not type or i["type"] == type]
        return refused or JSONResponse({"types": [{"code": "lease_contracts", "count": 1},
                                                  {"code": "statutes", "count": 1}], "items": items})

    @ingest.get("/dossiers/{dossier_id}/documents/{document_id}/content")
    async def content(dossier_id: str, document_id: str, request: Request) -> Response:
        _, refused = caller(fake, request, dossier_id, "document.view")
        return refused or Response(b"%PDF-1.4 " + document_id.encode(), media_type="application/pdf")

    return worklist, ingest


async def _client(fake, email: str):
    worklist, ingest = services(fake)
    cm = portal_client(fake_office_app(fake), worklist_app=worklist)
    client = await cm.__aenter__()
    attach_service(client, "ingest", ingest)
    await login(client, email, PASSWORD)
    return cm, client


async def test_filed_documents_by_type_with_their_files(fake):
    """FULL_ACCESS sees both types with counts, one type's documents, the note as text, and downloads a filed
    document; a document that is not filed is a 404, not a way into ingest."""
    bakery = bakery_of(fake)
    cm, client = await _client(fake, "full_access@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/permanent-dossier")
        assert page.status_code == 200, page.text
        assert 'data-type="statutes"' in page.text and "Lease contracts (1)" in page.text
        assert "&lt;i&gt;2019&lt;/i&gt;" in page.text and "<i>2019</i>" not in page.text
        assert f'href="/dossiers/{bakery}/permanent-dossier"' in page.text  # the tab
        one = (await client.get(f"/dossiers/{bakery}/permanent-dossier?type=statutes")).text
        assert f'data-document="{STATUTES}"' in one and f'data-document="{LEASE}"' not in one
        got = await client.get(f"/dossiers/{bakery}/permanent-dossier/{STATUTES}/file")
        assert got.status_code == 200 and got.content.endswith(STATUTES.encode())
        assert got.headers["content-security-policy"] == "sandbox"
        assert (await client.get(f"/dossiers/{bakery}/permanent-dossier/{OTHER}/file")).status_code == 404
    finally:
        await cm.__aexit__(None, None, None)


async def test_full_feedback_sees_the_list_without_files_and_processing_is_refused(fake):
    bakery = bakery_of(fake)
    cm, client = await _client(fake, "full_feedback@client.test")
    try:
        page = await client.get(f"/dossiers/{bakery}/permanent-dossier")
        assert page.status_code == 200 and "statuten.pdf" in page.text and "/file" not in page.text
        assert (await client.get(f"/dossiers/{bakery}/permanent-dossier/{STATUTES}/file")).status_code == 403
    finally:
        await cm.__aexit__(None, None, None)
    cm, client = await _client(fake, "document_processing@client.test")
    try:
        assert (await client.get(f"/dossiers/{bakery}/permanent-dossier")).status_code == 403
        assert (await client.get(f"/dossiers/{bakery}/permanent-dossier/{STATUTES}/file")).status_code == 403
    finally:
        await cm.__aexit__(None, None, None)
