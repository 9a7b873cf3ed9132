"""COM-4 through the portal against the fake office and the fake notify: the author edits their own message (the
office sees the new text and "edited"), another's message has no edit form and a forged post is 403, a blank text
is 422 on the message's form; the office archives a closed conversation and finds it under "Archived"."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FULL, COLLAB = "full_access@client.test", "collab@demo.test"


async def test_the_author_edits_and_the_office_sees_edited(fake, notify, notify_app):
    bakery = bakery_of(fake)
    thread = notify.ask(bakery, "Which car?")
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        question = notify.messages[0]
        assert f"/edit/{question['id']}" not in page.text  # the office's question is not theirs
        await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/reply",
                          data={"text": "The Golf", "csrf_token": csrf_of(page.text)})
        answer = notify.messages[1]
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert f'action="/dossiers/{bakery}/messages/{thread["id"]}/edit/{answer["id"]}"' in page.text
        path = f"/dossiers/{bakery}/messages/{thread['id']}/edit/{answer['id']}"
        blank = await client.post(path, data={"text": " ", "csrf_token": csrf_of(page.text)})
        assert blank.status_code == 422 and "Write a message first." in blank.text and "<details class=\"edit-message\" open" in blank.text
        done = await client.post(path, data={"text": "The Golf GTE", "csrf_token": csrf_of(page.text)})
        assert done.status_code == 303 and answer["text"] == "The Golf GTE"
        forged = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/edit/{question['id']}",
                                   data={"text": "mine now", "csrf_token": csrf_of(page.text)})
        assert forged.status_code == 403 and question["text"] == "Which car?"
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        seen = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert "The Golf GTE" in seen.text and 'class="edited">edited ' in seen.text
        assert f"/edit/{answer['id']}" not in seen.text


async def test_the_office_archives_a_closed_conversation(fake, notify, notify_app):
    bakery = bakery_of(fake)
    thread = notify.ask(bakery, "Which car?", subject="Leasing")
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert 'id="archive-conversation"' not in page.text  # open: close it first
        token = csrf_of(page.text)
        early = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/archive", data={"csrf_token": token})
        assert early.status_code == 409 and "Close the conversation before archiving it." in early.text
        closed = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/close", data={"csrf_token": token},
                                   follow_redirects=True)
        assert 'id="archive-conversation"' in closed.text
        archived = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/archive",
                                     data={"csrf_token": token})
        assert archived.status_code == 303 and archived.headers["location"] == f"/dossiers/{bakery}/messages"
        current = await client.get(f"/dossiers/{bakery}/messages")
        assert "Leasing" not in current.text and 'id="filter-archived"' in current.text
        listed = await client.get(f"/dossiers/{bakery}/messages?archived=1")
        assert "Leasing" in listed.text
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
        assert 'id="archive-conversation"' not in page.text
        refused = await client.post(f"/dossiers/{bakery}/messages/{thread['id']}/archive",
                                    data={"csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403
