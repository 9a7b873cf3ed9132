"""ING-2 e-mail import through a real SMTP session (smtplib) against ingest's aiosmtpd server."""
from __future__ import annotations

import asyncio
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


def _session(port: int, steps) -> list:
    """Run `steps(client)` over one SMTP session in a thread and return what it gives."""
    def run() -> list:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.ehlo("attacker.example")
            return steps(client)
    return asyncio.to_thread(run)


async def test_recipient_probing_is_throttled(world, smtp_port, deps):
    """Issue 13: after N unknown recipients from one client, every recipient (a real one too) gets 450."""
    limit, real = deps.settings.ingest_smtp_rcpt_failures, world.address(world.own, "purchases")

    def probe(client) -> list:
        client.mail("probe@attacker.example")
        return [client.rcpt(f"guess-{i}@in.test.localhost")[0] for i in range(limit + 1)] + [client.rcpt(real)[0]]
    assert await _session(smtp_port, probe) == [550] * limit + [450, 450]


async def test_deep_multipart_gets_554_without_exception_text(client, world, smtp_port):
    """Issue 13: 3,000 nested multiparts answered '500 Error: (RecursionError) ...'; now 554, nothing stored."""
    raw = b"From: a@attacker.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    raw += b"".join(f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode() for i in range(3000))
    raw += b"Content-Type: text/plain\r\n\r\nhello\r\n"

    def deliver(smtp) -> list:
        smtp.mail("a@attacker.example")
        smtp.rcpt(world.address(world.own, "purchases"))
        return list(smtp.data(raw))
    code, text = await _session(smtp_port, deliver)
    assert code == 554 and b"3000 nested multipart" in text and b"Error" not in text
    assert await mailbox(client, world, "purchases") == []
