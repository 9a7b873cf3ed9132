"""ING-2 e-mail import through a real SMTP session (smtplib) against ingest's aiosmtpd server."""
from __future__ import annotations

import smtplib

import pytest

from ingest.entrypoints.smtp import start_smtp

from ingest_testkit import message, outbox, seed, send

pytestmark = pytest.mark.integration


@pytest.fixture
async def smtp_port(deps):
    server = await start_smtp(deps, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


async def mailbox(client, world, box: str) -> list[dict]:
    response = await client.get(f"/dossiers/{world.own}/mailboxes/{box}/documents", headers=world.headers("ADMIN"))
    return response.json()["items"]


async def test_mail_to_a_dossier_address_lands_in_that_mailbox_once(client, world, smtp_port):
    """ING-2: the attachment becomes a document of the right mailbox with the sender; the same Message-ID twice is stored once."""
    msg = message(world.address(world.own, "sales").upper(), message_id="<same-1@supplier.be>")
    await send(smtp_port, msg)
    await send(smtp_port, msg)
    docs = await mailbox(client, world, "sales")
    assert [(d["filename"], d["source"], d["sender"], d["email_subject"]) for d in docs] == \
        [("inv-0.pdf", "email", "billing@supplier.be", "Invoice")]
    assert await mailbox(client, world, "purchases") == []


async def test_unknown_recipient_gets_550(world, smtp_port):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        await send(smtp_port, message("nobody@in.test.localhost"))
    code, text = refused.value.recipients["nobody@in.test.localhost"]
    assert code == 550 and b"no such mailbox" in text


async def test_mail_without_attachments_is_kept_as_a_note(client, world, smtp_port):
    """ING-2: not dropped — visible to the client as a note of the mailbox."""
    await send(smtp_port, message(world.address(world.own, "misc"), attachments=0, subject="Question about VAT"))
    notes = await client.get(f"/dossiers/{world.own}/mailboxes/misc/notes", headers=world.headers("ADMINISTRATOR"))
    assert [(n["subject"], n["sender"], n["documents"]) for n in notes.json()["items"]] == \
        [("Question about VAT", "billing@supplier.be", 0)]
    assert "invoice is attached" in notes.json()["items"][0]["body"]


async def test_a_mail_with_50_attachments_gives_50_documents(client, world, smtp_port):
    await send(smtp_port, message(world.address(world.own, "purchases"), attachments=50))
    response = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents?per_page=100",
                                headers=world.headers("ADMIN"))
    assert response.json()["total"] == 50


async def test_too_many_attachments_are_refused_whole(client, world, smtp_port, deps):
    """Over the per-mail limit: 552 naming the limit, nothing stored (the sender keeps the mail)."""
    limit = deps.settings.ingest_max_files
    with pytest.raises(smtplib.SMTPDataError) as refused:
        await send(smtp_port, message(world.address(world.own, "purchases"), attachments=limit + 1))
    assert refused.value.smtp_code == 552 and str(limit).encode() in refused.value.smtp_error
    assert await mailbox(client, world, "purchases") == []


async def test_whitelisted_sender_is_auto_transmitted_and_published_once(client, pool, world, smtp_port):
    """ING-10: a whitelisted sender's purchase goes straight to In processing; document.received once."""
    await seed(pool, world, auto_transmission={"purchases": {"enabled": True, "sender_whitelist": ["@supplier.be"]}})
    msg = message(world.address(world.own, "purchases"), message_id="<auto-1@supplier.be>")
    await send(smtp_port, msg)
    await send(smtp_port, msg)
    await send(smtp_port, message(world.address(world.own, "purchases"), sender="stranger@else.be"))
    processing = (await client.get(f"/dossiers/{world.own}/processing", headers=world.headers("ADMIN"))).json()
    assert processing["total"] == 1 and processing["items"][0]["auto_transmitted"]
    assert [d["sender"] for d in await mailbox(client, world, "purchases")] == ["stranger@else.be"]
    events = [e for e in await outbox(pool) if e["topic"] == "document.received"]
    assert len(events) == 1 and events[0]["source"] == "email" and events[0]["email_message_id"] == "<auto-1@supplier.be>"
