"""REC-1 (issue 19 item 5): the proposal screen offers the scan's searchable PDF when the worklist keeps one."""
from __future__ import annotations

import pytest

from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration


async def test_the_searchable_pdf_is_offered_and_downloaded(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    worklist.files["searchable/1"] = b"%PDF-1.7 with a text layer"
    scanned = worklist.add(bakery, searchable_pdf=True, searchable_pdf_key="searchable/1")
    plain = worklist.add(bakery, invoice_number="T-1")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        screen = (await client.get(f"/dossiers/{bakery}/worklist/{scanned['id']}?list=purchases")).text
        download = await client.get(f"/dossiers/{bakery}/worklist/{scanned['id']}/searchable.pdf")
        other = (await client.get(f"/dossiers/{bakery}/worklist/{plain['id']}?list=purchases")).text
        missing = await client.get(f"/dossiers/{bakery}/worklist/{plain['id']}/searchable.pdf")
    assert f'href="/dossiers/{bakery}/worklist/{scanned["id"]}/searchable.pdf"' in screen
    assert "Download the searchable PDF" in screen and 'id="searchable-pdf"' not in other
    assert download.status_code == 200 and download.content == b"%PDF-1.7 with a text layer"
    assert download.headers["content-type"] == "application/pdf" and "attachment" in download.headers["content-disposition"]
    assert missing.status_code == 404


async def test_a_client_without_the_worklist_may_not_download_it(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    worklist.files["searchable/2"] = b"%PDF-1.7"
    scanned = worklist.add(bakery, searchable_pdf=True, searchable_pdf_key="searchable/2")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_feedback@client.test", PASSWORD)
        refused = await client.get(f"/dossiers/{bakery}/worklist/{scanned['id']}/searchable.pdf")
    assert refused.status_code == 403 and b"%PDF" not in refused.content
