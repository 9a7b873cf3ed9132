"""Issue 16 through the portal against the fake office and the fake notify: a new conversation whose first message
carries files, from the client (addressed to them) and from the office (to one client user) — COM-1; a refused file
comes back on the form in the user's language with the subject and text kept, and nothing is started; the office
restores an archived conversation to the current list, a client cannot (COM-4)."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FULL, COLLAB, DELIVERY = "full_access@client.test", "collab@demo.test", "document_delivery@client.test"
PDF = b"%PDF-1.7\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


async def test_the_client_starts_a_conversation_with_files(fake, notify, notify_app):
    bakery = bakery_of(fake)
    fake.user_by_email(FULL).language = "fr"
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        assert 'id="f-new-files"' in page.text and 'enctype="multipart/form-data"' in page.text
        token = csrf_of(page.text)
        no_token = await client.post(f"/dossiers/{bakery}/messages", data={"subject": "Leasing"},
                                     files=[("files", ("c.pdf", PDF, "application/pdf"))])
        assert no_token.status_code == 403 and notify.threads == {}
        wrong = await client.post(f"/dossiers/{bakery}/messages",
                                  data={"subject": "Leasing", "text": "the contract", "csrf_token": token},
                                  files=[("files", ("contract.docx", b"PK\x03\x04", "application/msword"))])
        assert wrong.status_code == 422 and notify.threads == {}
        assert "Joignez un PDF ou une image" in wrong.text and 'id="new-files-error"' in wrong.text
        assert 'value="Leasing"' in wrong.text and "the contract</textarea>" in wrong.text
        sent = await client.post(f"/dossiers/{bakery}/messages", data={"subject": "Leasing", "csrf_token": token},
                                 files=[("files", ("contract.pdf", PDF, "application/pdf")),
                                        ("files", ("car.png", PNG, "image/png"))])
        assert sent.status_code == 303
        [thread] = notify.threads.values()
        assert sent.headers["location"] == f"/dossiers/{bakery}/messages/{thread['id']}"
        assert thread["started_by_side"] == "client" and thread["recipient_user_id"] == fake.user_by_email(FULL).id
        [first] = notify.messages
        assert first["text"] == "" and [f["filename"] for f in first["files"]] == ["contract.pdf", "car.png"]
        shown = await client.get(sent.headers["location"])
        link = f'/dossiers/{bakery}/messages/{thread["id"]}/files/{first["files"][1]["id"]}'
        assert f'href="{link}"' in shown.text
        assert (await client.get(link)).content == PNG
        nothing = await client.post(f"/dossiers/{bakery}/messages", data={"subject": "Empty", "csrf_token": token})
        assert nothing.status_code == 422 and "crivez un message ou joignez un fichier" in nothing.text
        assert len(notify.threads) == 1


async def test_the_office_starts_one_for_a_client_user_and_a_profile_without_start_is_refused(fake, notify,
                                                                                              notify_app):
    bakery = bakery_of(fake)
    bob = fake.user_by_email("document_processing@client.test")
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        token = csrf_of((await client.get(f"/dossiers/{bakery}/messages")).text)
        sent = await client.post(f"/dossiers/{bakery}/messages", files=[("files", ("year.pdf", PDF, "x"))],
                                 data={"subject": "Year-end", "text": "Draft attached", "recipient_user_id": bob.id,
                                       "csrf_token": token})
        assert sent.status_code == 303
        [thread] = notify.threads.values()
        assert thread["recipient_user_id"] == bob.id and notify.messages[0]["files"][0]["filename"] == "year.pdf"
        plain = await client.post(f"/dossiers/{bakery}/messages",
                                  data={"subject": "No file", "text": "Just text", "csrf_token": token})
        assert plain.status_code == 303 and len(notify.threads) == 2 and "files" not in notify.messages[-1]
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, DELIVERY, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        refused = await client.post(f"/dossiers/{bakery}/messages", files=[("files", ("a.pdf", PDF, "x"))],
                                    data={"subject": "s", "text": "t", "csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403 and len(notify.threads) == 2


async def test_the_office_restores_an_archived_conversation(fake, notify, notify_app):
    bakery = bakery_of(fake)
    thread = notify.ask(bakery, "Which car?", subject="Leasing")
    thread.update(status="closed", archived_at="2026-03-02T10:00:00+00:00")
    path = f"/dossiers/{bakery}/messages/{thread['id']}"
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(path)
        assert 'id="archived-note"' in page.text and 'id="restore-conversation"' not in page.text
        refused = await client.post(f"{path}/restore", data={"csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403 and thread["archived_at"]
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        assert "Leasing" not in (await client.get(f"/dossiers/{bakery}/messages")).text
        page = await client.get(path)
        assert f'action="{path}/restore"' in page.text and 'id="restore-conversation"' in page.text
        no_token = await client.post(f"{path}/restore")
        assert no_token.status_code == 403 and thread["archived_at"]
        restored = await client.post(f"{path}/restore", data={"csrf_token": csrf_of(page.text)})
        assert restored.status_code == 303 and restored.headers["location"] == f"/dossiers/{bakery}/messages"
        assert "Leasing" in (await client.get(f"/dossiers/{bakery}/messages")).text
        assert "Leasing" not in (await client.get(f"/dossiers/{bakery}/messages?archived=1")).text
        again = await client.get(path)
        assert 'id="restore-conversation"' not in again.text and 'id="archive-conversation"' in again.text
