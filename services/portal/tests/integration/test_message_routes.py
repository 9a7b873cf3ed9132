"""The Messages pages through the portal against the fake office and the fake notify (COM-1, COM-4, WL-6): the
office's question in the client's list with its unread badge, the thread with the document link, an htmx reply
with the session's CSRF token, the office's badge, refusals, a new conversation, notify down."""
from __future__ import annotations

import re

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FULL, PROCESSING = "full_access@client.test", "document_processing@client.test"


def badge(html: str) -> str | None:
    """The unread count of the Messages tab (None: no badge)."""
    found = re.search(r'href="/dossiers/[^"]+/messages"[^>]*>Messages <span class="badge unread" data-unread="(\d+)"',
                      html)
    return found.group(1) if found else None


async def test_the_client_reads_the_question_and_answers_it_with_htmx(fake, notify, notify_app):
    """WL-6, COM-1, COM-4: unread badge on the tile and the thread, the document link, opening reads it, the htmx
    reply is in the swapped thread and in notify; the office then has one unread on its tab."""
    bakery = bakery_of(fake)
    doc = "0b7c1f9e-5d7c-4a3e-9d71-2b1f3c4d5e6f"
    thread = notify.ask(bakery, "Is this a private expense?", subject="F-1 · Proximus", document_id=doc)
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        home = await client.get(f"/client/{bakery}")
        assert re.search(r'href="/dossiers/[^"]+/messages" data-area="conversations"><strong>Conversations <span '
                         r'class="badge unread" data-unread="1"', home.text)
        listing = await client.get(f"/dossiers/{bakery}/messages")
        assert listing.status_code == 200 and "F-1 · Proximus" in listing.text and badge(listing.text) == "1"
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert "Is this a private expense?" in page.text
        assert f'href="/dossiers/{bakery}/documents/{doc}/download"' in page.text
        assert badge(page.text) is None  # read on opening
        reply = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/reply", data={"text": "Yes, lunch."},
                                  headers={"HX-Request": "true", "X-CSRF-Token": csrf_of(page.text)})
        assert reply.status_code == 200 and 'id="thread-body"' in reply.text and "Yes, lunch." in reply.text
        assert "<html" not in reply.text  # only the thread body is swapped
    assert [(m["author_side"], m["text"]) for m in notify.messages] == [
        ("office", "Is this a private expense?"), ("client", "Yes, lunch.")]
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        overview = await client.get(f"/dossiers/{bakery}")
        assert re.search(r'data-nav="messages">Messages <span class="badge unread" data-unread="1"', overview.text)
        assert badge((await client.get(f"/dossiers/{bakery}/messages")).text) == "1"
        await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert badge((await client.get(f"/dossiers/{bakery}/messages")).text) is None


async def test_a_reply_needs_the_csrf_token_and_a_text(fake, notify, notify_app):
    """COM-1: no CSRF token, refused and nothing stored; a blank text is 422 with the message on the field."""
    bakery = bakery_of(fake)
    thread = notify.ask(bakery, "Which car?")
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        path = f"/dossiers/{bakery}/messages/{thread['id']}/reply"
        assert (await client.post(path, data={"text": "sneaky"})).status_code == 403
        blank = await client.post(path, data={"text": "  ", "csrf_token": csrf_of(page.text)})
        assert blank.status_code == 422 and "Write a message first." in blank.text
        long = await client.post(path, data={"text": "x" * 5001, "csrf_token": csrf_of(page.text)})
        assert long.status_code == 422 and "at most 5000 characters" in long.text
    assert len(notify.messages) == 1


async def test_who_reaches_the_messages(fake, notify, notify_app):
    """COM-1 with DOS-4: a thread to all full-access users is not shown to a document-processing user (notify's
    404 is a 404 page); document delivery has no Messages at all (403)."""
    bakery = bakery_of(fake)
    thread = notify.ask(bakery, "For full access only")
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, PROCESSING, PASSWORD)
        listing = await client.get(f"/dossiers/{bakery}/messages")
        assert listing.status_code == 200 and thread["id"] not in listing.text
        assert (await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")).status_code == 404
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "document_delivery@client.test", PASSWORD)
        assert (await client.get(f"/dossiers/{bakery}/messages")).status_code == 403


async def test_a_client_starts_a_conversation_and_the_office_closes_it(fake, notify, notify_app):
    """COM-1: the new-conversation form leads to the thread; COM-4: the office closes it, then no reply form."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        started = await client.post(f"/dossiers/{bakery}/messages", data={
            "subject": "Leasing", "text": "New car contract", "csrf_token": csrf_of(page.text)})
        assert started.status_code == 303
        [thread] = notify.threads.values()
        assert started.headers["location"] == f"/dossiers/{bakery}/messages/{thread['id']}"
        assert thread["recipient_user_id"] == fake.user_by_email(FULL).id
        missing = await client.post(f"/dossiers/{bakery}/messages", data={"subject": "", "text": "x",
                                                                           "csrf_token": csrf_of(page.text)})
        assert missing.status_code == 422 and "Give the conversation a subject." in missing.text
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert "New car contract" in page.text and 'name="text"' in page.text
        closed = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/close",
                                   data={"csrf_token": csrf_of(page.text)}, follow_redirects=True)
        assert "This conversation is closed" in closed.text and 'name="text"' not in closed.text
    assert thread["status"] == "closed"


async def test_notify_down_leaves_the_other_pages_working(fake):
    """The unread badge never breaks a page: without notify the dossier overview shows no badge."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake)) as client:
        await login(client, "collab@demo.test", PASSWORD)
        overview = await client.get(f"/dossiers/{bakery}")
        assert overview.status_code == 200 and 'data-nav="messages">Messages</a>' in overview.text
        assert (await client.get(f"/dossiers/{bakery}/messages")).status_code == 503
