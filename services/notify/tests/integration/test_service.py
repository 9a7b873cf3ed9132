"""On the real Kafka, Postgres and S3 with a real SMTP server (aiosmtpd): requests become mails, each exactly once
(OFF-2 welcome link, COM-6 retries, WL-6 question with its PDF attached, several senders, issue 17 an approved
payment told to those who execute payments)."""
from __future__ import annotations

import asyncio
import contextlib
import uuid

import pytest
from runtime import service
from runtime.db import drop_database
from runtime.storage import ObjectStore
from runtime.testing import on_test_topics, publish_events, temp_topics, wait_for

from notify.bootstrap import SPEC, start_sender
from notify.config import NotifySettings
from notify.entrypoints import sender
from notify_testkit import (
    PORTAL, dossier_changed, free_port, payment_approved, question, smtp_server, text_of, user, welcome,
)

pytestmark = pytest.mark.integration
CONTRACTS = ("notification.requested", "dossier.changed", "payment.approved")


def _settings(db: str, smtp_port: int, **kw) -> NotifySettings:
    return NotifySettings(service="notify-it", pg_database=db, consumer_group=f"notify-it-{uuid.uuid4().hex[:6]}",
                          notify_smtp_port=smtp_port, notify_portal_url=PORTAL, notify_sender_interval_s=0.1,
                          notify_retry_first_s=0.3, notify_retry_max_s=1.0, **kw)


@contextlib.asynccontextmanager
async def running(settings: NotifySettings):
    """notify in-process on its own topics and database, with its sender; yields (runtime, topics)."""
    async with temp_topics(settings, *CONTRACTS) as names:
        rt = await service.start(on_test_topics(SPEC, dict(zip(names, CONTRACTS)), name="notify-it"), settings)
        start_sender(rt, settings)
        try:
            yield rt, dict(zip(CONTRACTS, names))
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)


async def test_a_welcome_request_sends_one_mail_with_the_set_password_link_even_when_redelivered():
    """OFF-2, COM-6: exactly one mail, in the user's language, with the absolute set-password link of the office."""
    with smtp_server() as (inbox, port):
        settings = _settings(f"test_notify_{uuid.uuid4().hex[:8]}", port)
        async with running(settings) as (rt, topics):
            request = welcome(email="new.user@example.be", language="fr", token="tok-welcome")
            await publish_events(settings, topics["notification.requested"], request, request)
            await wait_for(lambda: _count(rt, "sent"), timeout=60)
            # a later redelivery, then a marker on the same partition (no dossier: same key): once the marker
            # is mailed, the redelivery was consumed before it
            marker = welcome(email="marker@example.be")
            await publish_events(settings, topics["notification.requested"], request, marker)
            await wait_for(lambda: _count(rt, "sent", 2), timeout=60)
            await asyncio.sleep(0.5)
    assert sorted(e[0] for e in inbox.envelopes) == ["marker@example.be", "new.user@example.be"]
    [msg] = [m for m in inbox.messages if "new.user" in m["To"]]
    assert msg["Subject"] == "Bienvenue sur Demo portal"
    assert f"{PORTAL}/reset-password?token=tok-welcome&office=demo" in text_of(msg)
    assert msg["From"] == settings.notify_mail_from and msg["Message-ID"]


async def test_a_mail_is_retried_while_smtp_is_down_and_arrives_once_when_it_is_back():
    """COM-6: delivery failures are stored and retried with backoff; the mail arrives once."""
    port = free_port()
    settings = _settings(f"test_notify_{uuid.uuid4().hex[:8]}", port)
    async with running(settings) as (rt, topics):
        request = welcome(email="late@example.be", language="nl")
        await publish_events(settings, topics["notification.requested"], request)

        async def failed_once():
            return await rt.pool.fetchval("SELECT attempts >= 1 AND last_error IS NOT NULL AND status = 'queued' "
                                          "FROM outgoing_mail")
        await wait_for(failed_once, timeout=60)
        with smtp_server(port) as (inbox, _):
            await wait_for(lambda: _count(rt, "sent"), timeout=30)
            await asyncio.sleep(1)
        row = await rt.pool.fetchrow("SELECT attempts, sent_at FROM outgoing_mail")
    assert len(inbox.messages) == 1 and inbox.envelopes == [["late@example.be"]]
    assert row["attempts"] >= 2 and row["sent_at"] is not None
    assert "Welkom" in inbox.messages[0]["Subject"]


async def test_a_question_is_stored_and_mailed_with_the_pdf_attached():
    """WL-6, COM-1, COM-6: the office's question is kept for the conversations and mailed with the document."""
    pdf = b"%PDF-1.4\n" + uuid.uuid4().bytes + b"\n%%EOF\n"
    with smtp_server() as (inbox, port):
        settings = _settings(f"test_notify_{uuid.uuid4().hex[:8]}", port)
        store = ObjectStore.from_settings(settings)
        await store.ensure_bucket()
        stored = await store.put_bytes(pdf, "application/pdf")
        dossier, anna = uuid.uuid4(), user("anna@example.be", "fr")
        async with running(settings) as (rt, topics):
            await publish_events(settings, topics["dossier.changed"], dossier_changed(dossier, anna))
            await publish_events(settings, topics["notification.requested"],
                                 question(dossier, stored.key, recipient=anna.user_id))
            await wait_for(lambda: _count(rt, "sent"), timeout=60)
            [message] = await rt.pool.fetch("SELECT * FROM messages")
    assert message["dossier_id"] == dossier and message["text"] == "Is this a private expense?"
    assert message["attachments"][0]["storage_key"] == stored.key
    [msg] = inbox.messages
    assert "Is this a private expense?" in text_of(msg) and "F2026-001" in msg["Subject"]
    [part] = list(msg.iter_attachments())
    assert part.get_filename() == "F2026-001.pdf" and part.get_content_type() == "application/pdf"
    assert part.get_content() == pdf


async def test_two_senders_send_each_mail_once():
    """COM-6: several notify replicas share the queue (FOR UPDATE SKIP LOCKED): no mail twice, none lost."""
    with smtp_server() as (inbox, port):
        settings = _settings(f"test_notify_{uuid.uuid4().hex[:8]}", port)
        async with running(settings) as (rt, topics):
            requests = [welcome(email=f"user{i}@example.be") for i in range(30)]
            stop = asyncio.Event()
            extra = [asyncio.create_task(sender.run(sender.Sender.from_settings(rt.pool, settings, None), stop, 0.05))
                     for _ in range(2)]  # three senders in all, with the service's
            try:
                await publish_events(settings, topics["notification.requested"], *requests)
                await wait_for(lambda: _count(rt, "sent", 30), timeout=90)
                await asyncio.sleep(1)
            finally:
                stop.set()
                await asyncio.gather(*extra)
    got = sorted(e[0] for e in inbox.envelopes)
    assert got == sorted(f"user{i}@example.be" for i in range(30))


async def test_an_approved_payment_is_mailed_once_to_each_user_who_may_execute_it():
    """Issue 17 item 1, PAY-3: payment.approved before its dossier is known waits for it; then the administrator and
    the full-access user get one mail each in their language with the payment's link, the document-processing user
    none; the same payment approved again (a new event) sends nothing more."""
    with smtp_server() as (inbox, port):
        settings = _settings(f"test_notify_{uuid.uuid4().hex[:8]}", port)
        dossier = uuid.uuid4()
        users = (user("boss@example.be", "fr", "administrator"), user("anna@example.be", "nl"),
                 user("clerk@example.be", "en", "document_processing"))
        async with running(settings) as (rt, topics):
            approved = payment_approved(dossier)
            await publish_events(settings, topics["payment.approved"], approved)
            await wait_for(lambda: rt.pool.fetchval("SELECT status = 'pending' FROM requests"), timeout=60)
            await publish_events(settings, topics["dossier.changed"], dossier_changed(dossier, *users))
            await wait_for(lambda: _count(rt, "sent", 2), timeout=60)
            again = approved.model_copy(update={"event_id": uuid.uuid4()})
            await publish_events(settings, topics["payment.approved"], again, payment_approved(dossier))
            await wait_for(lambda: _count(rt, "sent", 4), timeout=60)  # the other payment's two mails: 'again' is in
            await asyncio.sleep(0.5)
    link = f"{PORTAL}/dossiers/{dossier}/payments/{approved.payment_id}"
    subjects = {to[0]: " ".join(str(m["Subject"]).split()) for m, to in zip(inbox.messages, inbox.envelopes) if link in text_of(m)}
    assert sorted(subjects) == ["anna@example.be", "boss@example.be"]
    assert subjects["boss@example.be"] == "Bakkerij Janssens BV : paiement à Proximus NV approuvé, à exécuter"
    assert subjects["anna@example.be"] == "Bakkerij Janssens BV: betaling aan Proximus NV goedgekeurd, uit te voeren"
    assert "clerk@example.be" not in {e[0] for e in inbox.envelopes} and len(inbox.messages) == 4


async def _count(rt, status: str, expect: int = 1) -> bool:
    return await rt.pool.fetchval("SELECT count(*) FROM outgoing_mail WHERE status = $1", status) >= expect

