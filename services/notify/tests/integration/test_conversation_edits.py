"""COM-4 over notify's HTTP API on the real Postgres: the author edits their own message (the other side sees the
new text and when), nobody edits another's (403), nor in a closed thread (409); a closed thread is archived and
leaves the default list for the archived one; unread counters and read receipts still count."""
from __future__ import annotations

import uuid

import pytest

from conversation_kit import DOSSIER, JAN, as_, base, only_thread, pool, store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration


async def test_the_author_edits_their_message_and_the_other_side_sees_it(pool, as_):  # noqa: F811
    anna, jan, carl = as_("ANNA"), as_("JAN"), as_("CARL")
    thread = await only_thread(anna)
    answer = (await anna.post(f"{base()}/{thread['id']}/messages", json={"text": "Yes, lunch"})).json()
    assert (await jan.get(base() + "/unread")).json()["messages"] == 1
    path = f"{base()}/{thread['id']}/messages/{answer['id']}"
    edited = await anna.patch(path, json={"text": " Yes, a business lunch "})
    assert edited.status_code == 200 and edited.json()["text"] == "Yes, a business lunch"
    seen = (await jan.get(f"{base()}/{thread['id']}")).json()["messages"][1]
    assert seen["text"] == "Yes, a business lunch" and seen["edited_at"] >= seen["created_at"]
    assert seen["read_by"] and {r["user_id"] for r in seen["read_by"]} == {str(answer["author_id"]),
                                                                           str(JAN.collaborator_id)}
    assert (await jan.get(base() + "/unread")).json()["messages"] == 0

    for name in ("CARL", "JAN", "ADMIN"):  # another client user, the office: not theirs
        refused = await as_(name).patch(path, json={"text": "hacked"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_your_message", name
    question = (await jan.get(f"{base()}/{thread['id']}")).json()["messages"][0]
    assert (await carl.patch(f"{base()}/{thread['id']}/messages/{question['id']}", json={"text": "x"})).status_code \
        == 403
    assert (await anna.patch(f"{base()}/{thread['id']}/messages/{uuid.uuid4()}", json={"text": "x"})).status_code \
        == 404
    assert (await anna.patch(path, json={"text": "   "})).status_code == 422
    assert (await as_("FOREIGN").patch(path, json={"text": "x"})).status_code == 403
    assert await pool.fetchval("SELECT text FROM messages WHERE id = $1", uuid.UUID(answer["id"])) == \
        "Yes, a business lunch"

    assert (await jan.post(f"{base()}/{thread['id']}/close")).status_code == 204
    closed = await anna.patch(path, json={"text": "too late"})
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "conversation_closed"


async def test_a_closed_conversation_is_archived_out_of_the_default_list(pool, as_):  # noqa: F811
    anna, jan = as_("ANNA"), as_("JAN")
    thread = await only_thread(jan)
    still_open = await jan.post(f"{base()}/{thread['id']}/archive")
    assert still_open.status_code == 409 and still_open.json()["error"]["code"] == "conversation_open"
    assert (await jan.post(f"{base()}/{thread['id']}/close")).status_code == 204
    assert (await anna.post(f"{base()}/{thread['id']}/archive")).status_code == 403  # clients do not archive
    assert (await jan.post(f"{base()}/{thread['id']}/archive")).status_code == 204
    for who in (anna, jan):
        assert (await who.get(base())).json()["conversations"] == []
        [archived] = (await who.get(base(), params={"archived": "true"})).json()["conversations"]
        assert archived["id"] == thread["id"] and archived["archived_at"] and archived["status"] == "closed"
    assert (await anna.get(base() + "/unread")).json()["messages"] == 1  # the question, never opened
    assert (await jan.post(f"{base()}/{thread['id']}/archive")).status_code == 204  # again: no change
