"""Conversations over notify's HTTP API on the real Postgres (COM-1, COM-4, COM-6, WL-6): the office's question
opens a thread, the client answers, the other side is mailed, read receipts and unread counters per user,
dossier scope and addressee rules, validation, closing."""
from __future__ import annotations

import uuid

import pytest

from conversation_kit import (ANNA, BOB, CARL, DAN, DOSSIER, JAN, QUIET, as_, base, changed,  # noqa: F401
                              mails, only_thread, pool, store)

pytestmark = pytest.mark.integration


async def test_the_question_is_answered_by_the_client_and_the_office_reads_the_answer(pool, as_):
    """WL-6, COM-1, COM-4, COM-6: the question is a thread about the document; the client's answer mails the
    assigned collaborator and counts as unread for the office until read; the office's answer mails the
    full-access users and counts as unread for them."""
    anna, jan = as_("ANNA"), as_("JAN")
    thread = await only_thread(anna)
    assert thread["subject"] == "F2026-001 · Proximus NV" and thread["document_id"] and thread["unread"] == 1
    assert (await anna.get(base() + "/unread")).json() == {"messages": 1, "conversations": 1}
    opened = (await anna.get(f"{base()}/{thread['id']}")).json()
    assert [m["text"] for m in opened["messages"]] == ["Is this a private expense?"]
    assert (await anna.get(base() + "/unread")).json() == {"messages": 0, "conversations": 0}
    assert (await jan.get(base() + "/unread")).json()["messages"] == 0  # the office's own question

    answer = await anna.post(f"{base()}/{thread['id']}/messages", json={"text": "  Yes, a private lunch.  "})
    assert answer.status_code == 201 and answer.json()["mails_queued"] == 1
    [mail] = await mails(pool)
    assert mail["to_address"] == "jan@office.be" and mail["language"] == "nl"
    assert "Yes, a private lunch." in mail["body"] and f"/dossiers/{DOSSIER}/messages/{thread['id']}" in mail["body"]
    assert (await jan.get(base() + "/unread")).json() == {"messages": 1, "conversations": 1}
    assert (await only_thread(jan))["unread"] == 1
    seen = (await jan.get(f"{base()}/{thread['id']}")).json()
    assert [m["author_side"] for m in seen["messages"]] == ["office", "client"]
    assert seen["messages"][1]["text"] == "Yes, a private lunch." and seen["messages"][1]["author_name"] == "Anna"
    assert (await jan.get(base() + "/unread")).json() == {"messages": 0, "conversations": 0}

    assert (await jan.post(f"{base()}/{thread['id']}/messages", json={"text": "Thanks"})).json()["mails_queued"] == 2
    assert [m["to_address"] for m in await mails(pool)] == ["anna@x.be", "carl@x.be", "jan@office.be"]
    assert (await anna.get(base() + "/unread")).json()["messages"] == 1
    assert (await as_("CARL").get(base() + "/unread")).json()["messages"] == 2  # question + answer, never opened


async def test_read_receipts_show_who_read_which_message(pool, as_):
    """COM-4: reading a thread stores a receipt per user and message, shown to the other side."""
    anna, jan = as_("ANNA"), as_("JAN")
    thread = await only_thread(jan)
    assert (await jan.get(f"{base()}/{thread['id']}")).json()["messages"][0]["read_by"][0]["user_id"] == str(
        JAN.collaborator_id)
    await anna.get(f"{base()}/{thread['id']}")
    readers = (await jan.get(f"{base()}/{thread['id']}")).json()["messages"][0]["read_by"]
    assert {r["user_id"] for r in readers} == {str(JAN.collaborator_id), str(ANNA.user_id)}
    assert await pool.fetchval("SELECT count(*) FROM message_reads WHERE user_id = $1", CARL.user_id) == 0


async def test_without_a_known_office_address_the_answer_only_counts_as_unread(pool, as_):
    """COM-6: a dossier without assigned collaborators and a question without the asker's address: no mail,
    but the office sees the answer as unread."""
    anna = as_("ANNA")
    thread = await only_thread(anna, QUIET)
    answer = await anna.post(f"{base(QUIET)}/{thread['id']}/messages", json={"text": "It is private."})
    assert answer.status_code == 201 and answer.json()["mails_queued"] == 0
    assert await mails(pool) == []
    assert (await as_("ADMIN").get(base(QUIET) + "/unread")).json() == {"messages": 1, "conversations": 1}


async def test_scope_other_office_other_dossier_and_users_not_addressed(pool, as_):
    """COM-1 / security model: a foreign office is refused (403, as the messages route); a thread of another
    dossier or one not addressed to the client user is 404 for reading and replying; no profile, no access."""
    anna, bob = as_("ANNA"), as_("BOB")
    thread = await only_thread(anna)
    foreign = as_("FOREIGN")
    assert (await foreign.get(base())).status_code == 403
    assert (await foreign.get(f"{base()}/{thread['id']}")).status_code == 403
    assert (await foreign.post(f"{base()}/{thread['id']}/messages", json={"text": "x"})).status_code == 403
    assert (await as_("JAN").get(f"{base(QUIET)}/{thread['id']}")).status_code == 404  # thread of another dossier
    assert (await bob.get(base())).json()["conversations"] == []                       # to full access only
    assert (await bob.get(f"{base()}/{thread['id']}")).status_code == 404
    assert (await bob.post(f"{base()}/{thread['id']}/messages", json={"text": "x"})).status_code == 404
    assert (await as_("DAN").get(base())).status_code == 403                            # document delivery
    own = await bob.post(base(), json={"subject": "VAT", "text": "Is Q3 complete?"})
    assert own.status_code == 201
    assert (await anna.get(f"{base()}/{own.json()['id']}")).status_code == 404          # Bob's, not Anna's
    assert [t["subject"] for t in (await as_("JAN").get(base())).json()["conversations"]] == [
        "VAT", "F2026-001 · Proximus NV"]


async def test_starting_conversations(pool, as_):
    """COM-1: the office starts one with a client user (mailed), a client with the office (assigned collaborator
    mailed, thread addressed to the client); a recipient outside the dossier is refused."""
    jan, bob = as_("JAN"), as_("BOB")
    started = await jan.post(base(), json={"subject": "Bank statements", "text": "Please send March.",
                                           "recipient_user_id": str(BOB.user_id)})
    assert started.status_code == 201 and started.json()["recipient_user_id"] == str(BOB.user_id)
    assert [m["to_address"] for m in await mails(pool)] == ["bob@x.be"]
    assert (await bob.get(base() + "/unread")).json() == {"messages": 1, "conversations": 1}
    own = await bob.post(base(), json={"subject": "Leasing", "text": "New car contract", "recipient_user_id":
                                       str(ANNA.user_id)})
    assert own.status_code == 422 and own.json()["error"]["code"] == "invalid_recipient"
    assert (await bob.post(base(), json={"subject": "Leasing", "text": "New car contract"})).status_code == 201
    assert "jan@office.be" in [m["to_address"] for m in await mails(pool)]
    stranger = await jan.post(base(), json={"subject": "x", "text": "y", "recipient_user_id": str(uuid.uuid4())})
    assert stranger.status_code == 422 and stranger.json()["error"]["code"] == "invalid_recipient"


async def test_bad_texts_are_refused_and_closed_threads_take_no_reply(pool, as_):
    """COM-1: text 1..5000 characters (blank is empty); COM-4: the office closes, clients may not; no reply after."""
    anna, jan = as_("ANNA"), as_("JAN")
    path = f"{base()}/{(await only_thread(anna))['id']}"
    for text in ("", "   ", "x" * 5001):
        refused = await anna.post(path + "/messages", json={"text": text})
        assert refused.status_code == 422 and "text" in refused.text, text
    assert (await anna.post(path + "/messages", json={"text": "x" * 5000})).status_code == 201
    assert (await anna.post(path + "/close")).status_code == 403
    assert (await jan.post(path + "/close")).status_code == 204
    closed = await anna.post(path + "/messages", json={"text": "one more thing"})
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "conversation_closed"
    assert (await anna.get(path)).json()["status"] == "closed"
