"""Issue 16 over notify's HTTP API on the real Postgres: a new conversation whose first message carries files
(COM-1), from the office to one client user and from a client to the office, with the same limits and errors as a
reply's files and nothing stored when refused; an archived conversation restored to the default list (COM-4) by
who may archive, nobody else."""
from __future__ import annotations

import uuid

import pytest

from conversation_kit import ANNA, BOB, DOSSIER, QUIET, as_, base, mails, only_thread, pool, store  # noqa: F401

pytestmark = pytest.mark.integration
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
START = base() + "/with-files"


def upload(*files: tuple[str, bytes, str]) -> list:
    return [("files", f) for f in files]


async def test_the_office_starts_a_conversation_with_files_for_one_client_user(pool, as_, store):  # noqa: F811
    jan, bob, anna = as_("JAN"), as_("BOB"), as_("ANNA")
    started = await jan.post(START, data={"subject": " Year-end ", "text": "The draft accounts, please check",
                                          "recipient_user_id": str(BOB.user_id)},
                             files=upload(("draft.pdf", PDF, "application/pdf"), ("chart.jpg", JPEG, "image/jpeg")))
    assert started.status_code == 201, started.text
    thread = started.json()
    assert thread["subject"] == "Year-end" and thread["recipient_user_id"] == str(BOB.user_id)
    [first] = thread["messages"]
    assert first["author_side"] == "office" and first["text"] == "The draft accounts, please check"
    assert [(f["filename"], f["content_type"], f["size"]) for f in first["files"]] == [
        ("draft.pdf", "application/pdf", len(PDF)), ("chart.jpg", "image/jpeg", len(JPEG))]
    assert [m["to_address"] for m in await mails(pool)] == ["bob@x.be"]  # mailed as any new message
    got = await bob.get(f"{base()}/{thread['id']}/files/{first['files'][1]['id']}")
    assert got.status_code == 200 and got.content == JPEG
    assert (await anna.get(f"{base()}/{thread['id']}/files/{first['files'][0]['id']}")).status_code == 404


async def test_a_client_starts_one_with_only_a_file_and_it_is_addressed_to_them(pool, as_, store):  # noqa: F811
    anna, jan = as_("ANNA"), as_("JAN")
    started = await anna.post(START, data={"subject": "Leasing contract"},
                              files=upload(("../contract.pdf", PDF, "text/plain")))
    assert started.status_code == 201, started.text
    thread = started.json()
    assert thread["recipient_user_id"] == str(ANNA.user_id) and thread["started_by_side"] == "client"
    assert thread["messages"][0]["text"] == "" and thread["messages"][0]["files"][0]["filename"] == "contract.pdf"
    assert "jan@office.be" in [m["to_address"] for m in await mails(pool)]
    listed = (await jan.get(base())).json()["conversations"]
    assert [t["unread"] for t in listed if t["id"] == thread["id"]] == [1]
    someone_else = await anna.post(START, data={"subject": "x", "text": "y", "recipient_user_id": str(BOB.user_id)},
                                   files=upload(("a.pdf", PDF, "application/pdf")))
    assert someone_else.status_code == 422 and someone_else.json()["error"]["code"] == "invalid_recipient"


@pytest.mark.parametrize("data,files,status,code", [
    ({"subject": "Invoices", "text": "x"}, [("invoice.exe", b"MZ\x90\x00", "application/pdf")], 415, "attachment_type"),
    ({"subject": "Invoices", "text": "x"}, [("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")],
     413, "attachment_too_large"),
    ({"subject": "Invoices", "text": "x"}, [(f"{i}.pdf", PDF, "application/pdf") for i in range(6)], 415,
     "attachment_type"),
    ({"subject": "Invoices", "text": "  "}, [], 422, "invalid_conversation"),
    ({"subject": "   ", "text": "x"}, [("a.pdf", PDF, "application/pdf")], 422, "invalid_conversation"),
    ({"subject": "Invoices", "text": "x", "recipient_user_id": str(uuid.uuid4())}, [("a.pdf", PDF, "x")], 422,
     "invalid_recipient"),
    ({"subject": "Invoices", "text": "x", "recipient_user_id": "not-a-uuid"}, [], 422, "validation_error"),
    ({"subject": "In\x00voices", "text": "x"}, [("a.pdf", PDF, "application/pdf")], 422, "validation_error"),
    ({"subject": "Invoices", "text": "x\x00y"}, [], 422, "validation_error"),
])
async def test_refused_new_conversations_store_nothing(pool, as_, store, data, files, status, code):  # noqa: F811
    before = await pool.fetchval("SELECT count(*) FROM conversations")
    refused = await as_("JAN").post(START, data=data, files=upload(*files) or None)
    assert refused.status_code == status, refused.text
    assert refused.json()["error"]["code"] == code
    unstorable = [name for name, value in data.items() if "\x00" in value]
    if unstorable:  # the field is named
        assert [f["field"] for f in refused.json()["error"]["fields"]] == unstorable
    assert await pool.fetchval("SELECT count(*) FROM conversations") == before
    assert await pool.fetchval("SELECT count(*) FROM message_files") == 0
    assert store.writes == 0


async def test_a_reply_with_files_and_unstorable_text_is_refused_naming_the_field(pool, as_, store):  # noqa: F811
    anna = as_("ANNA")
    thread = await only_thread(anna)
    refused = await anna.post(f"{base()}/{thread['id']}/files", data={"text": "a\x00b"},
                              files=upload(("a.pdf", PDF, "application/pdf")))
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "validation_error"
    assert [f["field"] for f in refused.json()["error"]["fields"]] == ["text"] and store.writes == 0


async def test_who_may_not_start_one_with_files(pool, as_, store):  # noqa: F811
    one = upload(("a.pdf", PDF, "application/pdf"))
    assert (await as_("FOREIGN").post(START, data={"subject": "s", "text": "t"}, files=one)).status_code == 403
    assert (await as_("DAN").post(START, data={"subject": "s", "text": "t"}, files=one)).status_code == 403
    assert (await as_("JAN").post(base(uuid.uuid4()) + "/with-files", data={"subject": "s", "text": "t"},
                                  files=one)).status_code == 403


async def test_an_archived_conversation_is_restored_to_the_default_list(pool, as_):  # noqa: F811
    anna, jan = as_("ANNA"), as_("JAN")
    thread = await only_thread(jan)
    assert (await jan.post(f"{base()}/{thread['id']}/close")).status_code == 204
    assert (await jan.post(f"{base()}/{thread['id']}/archive")).status_code == 204
    assert (await anna.post(f"{base()}/{thread['id']}/restore")).status_code == 403  # clients do not archive
    assert (await as_("FOREIGN").post(f"{base()}/{thread['id']}/restore")).status_code == 403
    assert (await jan.post(f"{base(QUIET)}/{thread['id']}/restore")).status_code == 404  # another dossier's id
    assert (await jan.get(base())).json()["conversations"] == []
    assert (await jan.post(f"{base()}/{thread['id']}/restore")).status_code == 204
    for who in (anna, jan):
        [back] = (await who.get(base())).json()["conversations"]
        assert back["id"] == thread["id"] and back["archived_at"] is None and back["status"] == "closed"
        assert (await who.get(base(), params={"archived": "true"})).json()["conversations"] == []
    assert (await jan.post(f"{base()}/{thread['id']}/restore")).status_code == 204  # not archived: no change
    assert (await jan.post(f"{base()}/{thread['id']}/archive")).status_code == 204  # and it can be archived again
    assert (await jan.get(base())).json()["conversations"] == []
