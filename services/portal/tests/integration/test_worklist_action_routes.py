"""Worklist actions through the portal against the fake office and the fake worklist: bulk check and send (WL-4),
delete and help (WL-6, WL-10), undo and asking the client, misc filing (WL-12), the monitor's counters (ACT-1),
and who may do what (DOS-4 profiles, OFF-2 roles, WL-11 modes, a foreign dossier)."""
from __future__ import annotations

import re

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app, form_values, garage_of

pytestmark = pytest.mark.integration



async def test_bulk_check_and_send_report_what_was_done_and_refused(fake, worklist, worklist_app):
    """WL-4: check then send a selection; an incomplete one is refused with the reason, the others go on."""
    bakery = bakery_of(fake)
    good = [worklist.add(bakery), worklist.add(bakery)]
    incomplete = worklist.add(bakery, invoice_number=None, status="incomplete")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        ids = [p["id"] for p in good] + [incomplete["id"]]
        base = {"csrf_token": csrf_of(page.text), "list": "purchases", "back": "list=purchases", "ids": ids}
        checked = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**base, "action": "check"},
                                    follow_redirects=True)
        sent = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**base, "action": "send"},
                                 follow_redirects=True)
    assert "2 checked." in checked.text and "1 refused: mandatory fields are missing" in checked.text
    assert "2 sent to the accounting software." in sent.text
    assert {v["proposal_id"] for v in worklist.validated} == {p["id"] for p in good}
    assert worklist.proposals[incomplete["id"]]["status"] == "incomplete"


async def test_deleting_a_selection_first_names_what_goes_and_that_bookings_go_too(fake, worklist, worklist_app):
    """Issue 15 item 4: the bulk Delete asks first, naming each document and that a booked one's booking in the
    accounting software goes with it; only the confirmation deletes, and the list says what happened."""
    bakery = bakery_of(fake)
    draft = worklist.add(bakery, invoice_number="DEL-1")
    booked = worklist.add(bakery, invoice_number="DEL-2", status="booked", booking_reference="account.invoice,7",
                          counterparty={"name": "<i>Brico</i> NV", "status": "known", "reference": "C1",
                                        "vat_number": None})
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        form = {"csrf_token": csrf_of(page.text), "list": "purchases", "back": "list=purchases", "action": "delete",
                "ids": [draft["id"], booked["id"]]}
        asked = await client.post(f"/dossiers/{bakery}/worklist/actions", data=form)
        assert asked.status_code == 200 and set(worklist.proposals) >= {draft["id"], booked["id"]}  # nothing yet
        assert "Delete 2 documents?" in asked.text and "DEL-1" in asked.text and "DEL-2" in asked.text
        assert "removed from the accounting software too" in asked.text and "&lt;i&gt;Brico&lt;/i&gt; NV" in asked.text
        confirm = dict(re.findall(r'<input type="hidden" name="(action|confirmed|list|back)" value="([^"]*)"', asked.text))
        ids = re.findall(r'<input type="hidden" name="ids" value="([^"]+)"', asked.text)
        assert confirm == {"action": "delete", "confirmed": "1", "list": "purchases", "back": "list=purchases"}
        done = await client.post(f"/dossiers/{bakery}/worklist/actions", follow_redirects=True,
                                 data={**confirm, "ids": ids, "csrf_token": csrf_of(asked.text)})
        opened_booked = await client.get(f"/dossiers/{bakery}/worklist/{booked['id']}?list=purchases")
    assert draft["id"] not in worklist.proposals and "1 deleted." in done.text
    # the annotation screen's Delete dialog says so too for a booked proposal
    assert 'id="delete-booking"' in opened_booked.text
    assert "Its booking is removed from the accounting software too" in opened_booked.text


async def test_delete_goes_on_to_the_next_and_help_is_flagged(fake, worklist, worklist_app):
    """WL-6 delete (Alt+Delete) then the next document; WL-10 help needed with a note."""
    bakery = bakery_of(fake)
    second, first = worklist.add(bakery), worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{second['id']}?list=purchases"
        csrf = csrf_of((await client.get(url)).text)
        helped = await client.post(f"/dossiers/{bakery}/worklist/{second['id']}/help?list=purchases",
                                   data={"csrf_token": csrf, "needed": "true", "note": "which account?"})
        gone = await client.post(f"/dossiers/{bakery}/worklist/{first['id']}/delete?list=purchases",
                                 data={"csrf_token": csrf})
    assert helped.status_code == 303 and worklist.proposals[second["id"]]["help_note"] == "which account?"
    assert gone.status_code == 303 and gone.headers["location"] == url
    assert first["id"] not in worklist.proposals


@pytest.mark.parametrize("email, mode, status", [
    ("collab@demo.test", "collaborator", 200),
    ("support@demo.test", "collaborator", 403),  # SUPPORT: assigned worklists only (the garage)
    ("full_access@client.test", "collaborator", 403),  # WL-11: clients only in hybrid / client mode
    ("full_access@client.test", "hybrid", 200),
    ("document_processing@client.test", "hybrid", 403),  # DOS-4: not a profile that validates
])
async def test_who_sees_the_worklist(fake, worklist, worklist_app, email, mode, status):
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = mode
    proposal = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, email, PASSWORD)
        listing = await client.get(f"/dossiers/{bakery}/worklist")
        one = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}")
    assert listing.status_code == status and one.status_code == status


async def test_hybrid_client_corrects_and_checks_but_cannot_send(fake, worklist, worklist_app):
    """WL-11 hybrid: the client corrects and reviews; the send button is not there and a crafted send is refused."""
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = "hybrid"
    proposal = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        form = {"csrf_token": csrf_of(page.text), "list": "purchases", "ids": [proposal["id"]]}
        checked = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**form, "action": "check"})
        sent = await client.post(f"/dossiers/{bakery}/worklist/actions", data={**form, "action": "send"})
    assert 'id="bulk-check"' in page.text and 'id="bulk-send"' not in page.text
    assert checked.status_code == 303 and worklist.proposals[proposal["id"]]["status"] == "validated"
    assert sent.status_code == 403 and worklist.validated == []


async def test_a_foreign_dossier_is_refused(fake, worklist, worklist_app):
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        garage = garage_of(fake)  # not assigned to this collaborator
        assert (await client.get(f"/dossiers/{garage}/worklist")).status_code == 403
        assert (await client.get("/dossiers/7b1d9a54-0000-4000-8000-000000000000/worklist")).status_code == 403


async def test_the_monitor_shows_the_worklist_counters_and_sorts_them(fake, worklist, worklist_app):
    """ACT-1: help requests, ready for validation (coloured by mode; hybrid with its second number), misc."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    worklist.add(bakery, help_needed=True)
    worklist.add(bakery)
    worklist.add(garage)
    worklist.add(garage, status="validated")
    worklist.add(garage, mailbox="misc", status="to_file")
    fake.overrides[garage]["validation_mode"] = "hybrid"
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/monitor")
        by_ready = await client.get("/monitor?sort=ready_for_validation&order=desc")
    html = page.text
    assert "the worklist service does not report" not in html
    assert re.search(rf'data-dossier="{bakery}".*?<a class="counter help" href="[^"]+help=true">1</a>', html, re.S)
    assert re.search(rf'data-dossier="{garage}".*?class="count mode-hybrid"><a class="counter"[^>]*>1</a> / '
                     rf'<a class="counter"[^>]*>1</a>', html, re.S)
    assert re.search(rf'data-dossier="{garage}".*?href="/dossiers/{garage}/worklist\?list=misc">1</a>', html, re.S)
    assert 'aria-sort="descending"' in by_ready.text




async def test_undo_the_last_saved_change_and_ask_the_client(fake, worklist, worklist_app):
    """WL-5 undo (the version before the last save); WL-6 a question to the client about the document."""
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, invoice_number="A")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases"
        first = await client.get(url)
        assert 'id="undo-saved"' not in first.text and 'id="ask-client"' in first.text
        await client.post(url, data={**form_values(first.text), "invoice_number": "B", "then": "save"})
        saved = await client.get(url)
        assert 'id="undo-saved"' in saved.text and worklist.proposals[proposal["id"]]["invoice_number"] == "B"
        undone = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/undo?list=purchases",
                                   data={"csrf_token": csrf_of(saved.text)})
        assert undone.status_code == 303 and worklist.proposals[proposal["id"]]["invoice_number"] == "A"
        empty = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/ask?list=purchases",
                                  data={"csrf_token": csrf_of(saved.text), "question": " "})
        asked = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/ask?list=purchases",
                                  data={"csrf_token": csrf_of(saved.text), "question": "Is this the March rent?"},
                                  follow_redirects=True)
    assert empty.status_code == 422 and "Write the question for the client first." in empty.text
    assert [q["question"] for q in worklist.questions] == ["Is this the March rent?"]
    assert 'id="notice"' in asked.text and "Your question is on its way to the client" in asked.text


async def test_client_users_cannot_ask_through_the_worklist(fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = "hybrid"
    proposal = worklist.add(bakery)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}")
        answer = await client.post(f"/dossiers/{bakery}/worklist/{proposal['id']}/ask",
                                   data={"csrf_token": csrf_of(page.text), "question": "?"})
    assert 'id="ask-client"' not in page.text and answer.status_code == 403 and worklist.questions == []


async def _file_misc(client, dossier: str, proposal_id: str, misc_type: str):
    """A collaborator opens the misc list and files one document under a type: (the list page, the page after)."""
    await login(client, "collab@demo.test", PASSWORD)
    page = await client.get(f"/dossiers/{dossier}/worklist?list=misc")
    filed = await client.post(f"/dossiers/{dossier}/worklist/{proposal_id}/file",
                              data={"csrf_token": csrf_of(page.text), "type": misc_type, "back": "list=misc"},
                              follow_redirects=True)
    return page, filed


async def test_misc_documents_are_filed_by_type(fake, worklist, worklist_app):
    """WL-12: the misc list offers the dossier's permanent-dossier types; filing marks the document done."""
    bakery = bakery_of(fake)
    fake.overrides[bakery]["permanent_dossier_types"] = ["statutes", "contracts"]
    misc = worklist.add(bakery, mailbox="misc", status="to_file", invoice_number=None)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        page, filed = await _file_misc(client, bakery, misc["id"], "statutes")
        await login(client, "full_access@client.test", PASSWORD)
        fake.overrides[bakery]["validation_mode"] = "client"
        denied = await client.post(f"/dossiers/{bakery}/worklist/{misc['id']}/file",
                                   data={"csrf_token": csrf_of(page.text), "type": "contracts"})
    assert '<option value="statutes">statutes</option>' in page.text and f'form="file-{misc["id"]}"' in page.text
    assert filed.status_code == 200 and worklist.proposals[misc["id"]]["status"] == "filed"
    assert 'class="badge ok">statutes<' in filed.text
    assert denied.status_code == 403 and worklist.proposals[misc["id"]]["misc_type"] == "statutes"



async def test_misc_documents_are_filed_under_the_office_types_when_the_dossier_has_none(fake, worklist, worklist_app):
    """WL-12 / issue 15 item 10: the office defines two permanent-dossier types (OFF-3) and the dossier none of its
    own: "File" offers the office's two and filing under one marks the document filed."""
    bakery = bakery_of(fake)
    fake.office["permanent_dossier_types"] = [{"code": "statutes", "name": "Statutes"},
                                              {"code": "contracts", "name": "Contracts"}]
    misc = worklist.add(bakery, mailbox="misc", status="to_file", invoice_number=None)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        page, filed = await _file_misc(client, bakery, misc["id"], "contracts")
    assert '<option value="statutes">statutes</option>' in page.text
    assert '<option value="contracts">contracts</option>' in page.text
    assert filed.status_code == 200 and worklist.proposals[misc["id"]]["status"] == "filed"
    assert worklist.proposals[misc["id"]]["misc_type"] == "contracts"


async def test_in_client_mode_the_client_sends_and_support_sees_the_document(fake, worklist, worklist_app):
    """WL-11 "by the client alone": the client's send goes through; SUPPORT (assigned to the garage) works on the
    proposal with its document's pages (ingest serves worklist readers the documents sent into processing)."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    fake.overrides[bakery]["validation_mode"] = "client"
    proposal = worklist.add(bakery, status="validated")
    on_garage = worklist.add(garage)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
        sent = await client.post(f"/dossiers/{bakery}/worklist/actions", data={
            "csrf_token": csrf_of(page.text), "list": "purchases", "action": "send", "ids": [proposal["id"]]})
        await login(client, "support@demo.test", PASSWORD)
        support = await client.get(f"/dossiers/{garage}/worklist/{on_garage['id']}")
    assert 'id="bulk-send"' in page.text and sent.status_code == 303
    assert [v["proposal_id"] for v in worklist.validated] == [proposal["id"]]
    assert worklist.validated[0]["validation_mode"] == "client"
    assert support.status_code == 200 and 'id="open-document"' in support.text
    pages = on_garage.get("page_count") or 0
    assert (f"/worklist/{on_garage['id']}/pages/1.png" in support.text) == (pages >= 1)


@pytest.mark.parametrize("email", ["document_processing@client.test", "support@demo.test", "full_feedback@client.test"])
async def test_every_worklist_route_refuses_who_may_not(fake, worklist, worklist_app, email):
    """Each GET and POST of the worklist pages answers 403 to a profile without the action (hybrid bakery: DOS-4
    document processing and full feedback) and to SUPPORT on a dossier it is not assigned; nothing changes."""
    bakery = bakery_of(fake)
    fake.overrides[bakery]["validation_mode"] = "hybrid"
    proposal = worklist.add(bakery)
    before = dict(worklist.proposals[proposal["id"]])
    base = f"/dossiers/{bakery}/worklist"
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, email, PASSWORD)
        home = await client.get("/client" if "client.test" in email else "/dossiers", follow_redirects=True)
        csrf = csrf_of(home.text)  # a valid token: the refusals below are the matrix's, not CSRF's
        answers = {path: (await client.get(path)).status_code for path in (
            base, f"{base}/{proposal['id']}", f"{base}/{proposal['id']}/pages/1.png", f"{base}/{proposal['id']}/document",
            f"{base}/{proposal['id']}/counterparties?counterparty.name=bri")}
        for path, data in ((f"{base}/actions", {"action": "check", "ids": [proposal["id"]]}),
                           (f"{base}/{proposal['id']}", {"then": "save", "invoice_number": "X"}),
                           (f"{base}/{proposal['id']}/delete", {}), (f"{base}/{proposal['id']}/undo", {}),
                           (f"{base}/{proposal['id']}/help", {"needed": "true"}),
                           (f"{base}/{proposal['id']}/ask", {"question": "?"}),
                           (f"{base}/{proposal['id']}/file", {"type": "statutes"})):
            answer = await client.post(path, data={**data, "csrf_token": csrf})
            assert "Form expired" not in answer.text
            answers["POST " + path] = answer.status_code
    assert set(answers.values()) == {403}, answers
    assert worklist.proposals[proposal["id"]] == before and worklist.questions == []
