"""Conversations in a real browser against the real office, ingest, worklist, notify and portal (WL-6, COM-1,
COM-4): the collaborator asks about a document in the annotation screen, the worklist publishes the question,
notify opens the thread; the client sees the unread badge, opens the question and answers; the collaborator sees
the answer with a badge that drops once read."""
from __future__ import annotations

import re
import time
import uuid

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot
from portal_testkit.ingest_kit import ingest_api, upload_pdf
from portal_testkit.worklist_kit import master_data, proposal, publish, wait_for, wait_for_dossier, worklist_api

pytestmark = pytest.mark.e2e
COLLAB, CLIENT, ADMIN = LOGINS["COLLABORATOR"], LOGINS["ADMINISTRATOR"], LOGINS["ADMIN"]


def _document_question(platform, tag: str) -> tuple[str, str]:
    """A purchase of Peeters with its uploaded PDF in the worklist: (dossier id, proposal id)."""
    peeters = dossier_ids(platform)["PEETERS"]
    with office_api(platform, ADMIN.email, ADMIN.password) as api:
        office_id = api.get("/me").json()["office"]["id"]
    with ingest_api(platform, COLLAB.email, COLLAB.password) as api:
        document_id = upload_pdf(api, peeters, tag)
        sent = api.post(f"/dossiers/{peeters}/send", json={"document_ids": [document_id]})  # document.received
        assert sent.status_code < 300, sent.text
    event = proposal(office_id, peeters, f"{tag}-Q", document_id=document_id)
    with worklist_api(platform, ADMIN.email, ADMIN.password) as api:
        wait_for_dossier(api, peeters)
        publish(platform, "ledger.synced", master_data(office_id, peeters))
        publish(platform, "proposal.created", event)
        wait_for(api, peeters, [str(event.proposal_id)])
    return peeters, str(event.proposal_id)


def _ask(page: Page, dossier: str, proposal_id: str, question: str) -> None:
    """WL-6 in the annotation screen; asked again while the worklist has not heard of the document's file yet."""
    deadline = time.monotonic() + 60
    while True:
        page.goto(f"/dossiers/{dossier}/worklist/{proposal_id}?list=purchases")
        page.locator("#ask-client summary").click()
        page.locator("#f-question").fill(question)
        page.locator("#ask-client button[type=submit]").click()
        try:
            page.wait_for_url(re.compile("notice=asked"), timeout=5000)
            return
        except PlaywrightTimeout:
            refusal = page.locator(".alert, .field-error").all_inner_texts()
        assert time.monotonic() < deadline, f"the worklist never accepted the question: {refusal}"


def _unread(page: Page, path: str, badge: str) -> int:
    """The unread count `badge` shows on `path` (0 without a badge): other tests leave messages in the same dossier."""
    page.goto(path)
    shown = page.locator(f"{badge}.badge.unread")
    return int(shown.get_attribute("data-unread") or 0) if shown.count() else 0


def _until_badge(page: Page, path: str, badge: str, count: int, timeout: float = 60.0) -> None:
    """Reload `path` until notify has the thread and the badge shows `count` (the question travels over Kafka)."""
    deadline = time.monotonic() + timeout
    while True:
        seen = _unread(page, path, badge)
        if seen == count:
            return
        assert time.monotonic() < deadline, f"{badge} on {path} shows {seen} unread, not {count}"
        time.sleep(1)


def test_the_client_answers_the_question_and_the_office_reads_the_answer(platform, browser_page: Page):
    page, tag = browser_page, uuid.uuid4().hex[:6]
    dossier, proposal_id = _document_question(platform, tag)
    client_badge, office_badge = '[data-area="conversations"] ', '[data-nav="messages"] '
    log_in(page, CLIENT.email, CLIENT.password)
    client_before = _unread(page, f"/client/{dossier}", client_badge)
    page.context.clear_cookies()
    log_in(page, COLLAB.email, COLLAB.password)
    office_before = _unread(page, f"/dossiers/{dossier}", office_badge)
    _ask(page, dossier, proposal_id, f"Is {tag} a private expense?")

    page.context.clear_cookies()
    log_in(page, CLIENT.email, CLIENT.password)
    _until_badge(page, f"/client/{dossier}", client_badge, client_before + 1)
    page.locator('[data-area="conversations"]').click()
    page.locator(f'.thread a:has-text("{tag}-Q")').click()
    expect(page.locator("#thread-body")).to_contain_text(f"Is {tag} a private expense?")
    expect(page.locator("#open-document")).to_have_attribute("href", re.compile(r"/documents/.+/download$"))
    page.locator("#f-reply").fill(f"Yes, {tag} was a private lunch.")
    page.locator("form.reply button[type=submit]").click()
    expect(page.locator("#thread-body .message[data-side=client]")).to_contain_text(f"Yes, {tag} was a private lunch.")
    screenshot(page, "messages-client-answered")

    page.context.clear_cookies()
    log_in(page, COLLAB.email, COLLAB.password)
    _until_badge(page, f"/dossiers/{dossier}", office_badge, office_before + 1)
    page.locator('[data-nav="messages"]').click()
    thread = page.locator(f'.thread:has-text("{tag}-Q")')
    expect(thread.locator(".badge.unread")).to_have_attribute("data-unread", "1")
    thread.locator("a").click()
    expect(page.locator("#thread-body .message[data-side=client]")).to_contain_text(f"Yes, {tag} was a private lunch.")
    page.goto(f"/dossiers/{dossier}/messages")
    expect(page.locator(f'.thread:has-text("{tag}-Q") .badge.unread')).to_have_count(0)
    assert _unread(page, f"/dossiers/{dossier}", office_badge) == office_before
    screenshot(page, "messages-office-read")
