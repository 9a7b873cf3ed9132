"""Issue 19 item 5 (REC-1): the searchable PDF recognition stored for a scan (proposal.created searchable_pdf_key)
is offered for download with the proposal, with the worklist's permissions."""
from __future__ import annotations

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app
from runtime.storage import FakeObjectStore

from worklist.bootstrap import SPEC
from worklist.handlers.context import Deps
from worklist_testkit import add_proposal

pytestmark = pytest.mark.integration
PDF = b"%PDF-1.7 searchable"


async def test_the_searchable_pdf_is_downloaded_with_the_worklist_permissions(pool, settings, world):
    store = FakeObjectStore()
    key = (await store.put_bytes(PDF, "application/pdf")).key
    scanned = await add_proposal(pool, world, searchable_pdf_key=key)
    text = await add_proposal(pool, world, number=2)
    gone = await add_proposal(pool, world, number=3, searchable_pdf_key="searchable/gone")
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, store=store),
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worklist") as client:
        async def get(proposal, rest="/searchable-pdf", who="COLLABORATOR", dossier=None):
            return await client.get(f"/dossiers/{dossier or world.own}/proposals/{proposal.proposal_id}{rest}",
                                    headers=world.headers(who))
        answer = await get(scanned)
        assert answer.status_code == 200 and answer.content == PDF
        assert answer.headers["content-type"] == "application/pdf" and "attachment" in answer.headers["content-disposition"]
        assert (await get(scanned, rest="")).json()["searchable_pdf"] is True
        assert (await get(text, rest="")).json()["searchable_pdf"] is False
        assert (await get(text)).json()["error"]["code"] == "not_found"
        assert "no longer stored" in (await get(gone)).json()["error"]["message"]
        assert (await get(scanned, dossier=world.foreign)).status_code == 403
        assert (await get(scanned, who="DOCUMENT_DELIVERY")).status_code == 403
