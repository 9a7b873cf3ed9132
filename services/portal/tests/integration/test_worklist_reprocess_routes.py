"""WL-13 through the portal: the worklist says why recognition ended in a technical error, in the reader's language,
and shows 'reprocessing'; Reprocess on a selection reads again what may pass and says why not for the others; only
who may reprocess (matrix worklist.reprocess) sees the button or gets it done."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration


def failed(worklist, dossier, code, **extra):
    passing = code in ("timeout", "memory_limit", "crashed", "storage_unavailable")
    return worklist.add(dossier, status="technical_error", invoice_number=None, **extra,
                        recognition={"error_code": code, "reprocessing": False, "reprocessable": passing})


async def test_reprocess_a_selection_reads_again_what_may_pass(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    timeout = failed(worklist, bakery, "timeout")
    unreadable = failed(worklist, bakery, "unreadable")
    complete = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        assert 'id="bulk-reprocess"' in page.text
        assert "Reading took too long" in page.text and "The file cannot be read (damaged" in page.text
        answer = await client.post(f"/dossiers/{bakery}/worklist/actions", follow_redirects=True, data={
            "csrf_token": csrf_of(page.text), "list": "purchases", "back": "list=purchases", "action": "reprocess",
            "ids": [timeout["id"], unreadable["id"], complete["id"]]})
    assert worklist.reprocessed == [timeout["document_id"]]
    assert "1 sent to be read again." in answer.text and "2 refused" in answer.text
    assert "the file itself cannot be read" in answer.text
    assert "its recognition did not end in a technical error" in answer.text
    row = answer.text[answer.text.index(f'data-proposal="{timeout["id"]}"'):]
    assert "Reprocessing" in row[:row.index("</tr>")]


async def test_the_reason_and_the_state_in_the_readers_language(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    failed(worklist, bakery, "crashed")
    failed(worklist, bakery, "timeout")["recognition"]["reprocessing"] = True
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get("/dossiers")
        await client.post("/language", data={"language": "fr", "next": "/dossiers", "csrf_token": csrf_of(page.text)})
        fr = await client.get(f"/dossiers/{bakery}/worklist")
        page = await client.get("/dossiers")
        await client.post("/language", data={"language": "de", "next": "/dossiers", "csrf_token": csrf_of(page.text)})
        de = await client.get(f"/dossiers/{bakery}/worklist")
    assert "Le processus de lecture a échoué" in fr.text and "Relecture en cours" in fr.text and "Retraiter" in fr.text
    assert "Der Leseprozess ist fehlgeschlagen" in de.text and "Wird neu gelesen" in de.text


@pytest.mark.parametrize("email, mode, allowed", [
    ("full_access@client.test", "collaborator", False),  # WL-13: a client only when the client validates
    ("full_access@client.test", "hybrid", True),
    ("full_access@client.test", "client", True),
    ("document_processing@client.test", "client", False),
])
async def test_only_who_may_reprocess_sees_the_button_or_gets_it_done(fake, worklist, worklist_app, email, mode,
                                                                      allowed):
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = mode
    timeout = failed(worklist, bakery, "timeout")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, email, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        csrf = csrf_of(page.text if page.status_code == 200 else (await client.get("/", follow_redirects=True)).text)
        answer = await client.post(f"/dossiers/{bakery}/worklist/actions", data={
            "csrf_token": csrf, "list": "purchases", "back": "list=purchases", "action": "reprocess",
            "ids": [timeout["id"]]})
    assert ('id="bulk-reprocess"' in page.text) is allowed
    assert (worklist.reprocessed == [timeout["document_id"]]) is allowed
    if not allowed:
        assert answer.status_code == 403
