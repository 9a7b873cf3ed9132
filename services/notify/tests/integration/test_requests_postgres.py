"""On the real Postgres: what a request leaves behind — queued mails once per address (idempotent), failed with
the reason (COM-5), pending until its dossier arrives, the portal message (WL-6, COM-1)."""
from __future__ import annotations

import uuid

import pytest
from runtime.testing import temp_pool

from notify.bootstrap import MIGRATIONS
from notify.config import NotifySettings
from notify.entrypoints.kafka import EVENT_HANDLERS
from notify.handlers.context import Deps
from notify.handlers.notifications import dossier_projection, on_requested
from notify_testkit import PORTAL, dossier_changed, dossier_updated, question, user, welcome

pytestmark = pytest.mark.integration
on_dossier_changed = dossier_projection(PORTAL)  # the dossier.changed use case, built once as notify's Deps build it


@pytest.fixture
async def pool():
    async with temp_pool(NotifySettings(service="notify-test"), MIGRATIONS) as pool:
        yield pool


async def _apply(pool, handler, event):
    async with pool.acquire() as conn, conn.transaction():
        await handler(conn, event, PORTAL)


async def test_a_request_applied_twice_queues_each_mail_once(pool):
    """COM-6: (request, address) is the idempotency key of a mail, whatever path applies the request again."""
    request = welcome(token="secret-token")
    await _apply(pool, on_requested, request)
    await _apply(pool, on_requested, request)
    rows = await pool.fetch("SELECT to_address, body, status FROM outgoing_mail WHERE request_id = $1", request.event_id)
    assert [(r["to_address"], r["status"]) for r in rows] == [("anna@example.be", "queued")]
    assert f"{PORTAL}/reset-password?token=secret-token&office=demo" in rows[0]["body"]
    status = await pool.fetchrow("SELECT status, payload FROM requests WHERE event_id = $1", request.event_id)
    assert status["status"] == "done" and status["payload"] is None  # the token is not kept beside the mail


async def test_a_missing_placeholder_fails_the_request_with_its_reason_and_queues_nothing(pool):
    """COM-5: StrictUndefined — the request is marked failed, named, not retried, nothing half-sent."""
    request = welcome()
    request = request.model_copy(update={"params": {k: v for k, v in request.params.items() if k != "link_path"}})
    await _apply(pool, on_requested, request)
    row = await pool.fetchrow("SELECT status, reason FROM requests WHERE event_id = $1", request.event_id)
    assert row["status"] == "failed" and "link" in row["reason"]
    assert await pool.fetchval("SELECT count(*) FROM outgoing_mail") == 0
    unknown = welcome(template="user.unknown")
    await _apply(pool, on_requested, unknown)
    assert "user.unknown" in await pool.fetchval("SELECT reason FROM requests WHERE event_id = $1", unknown.event_id)


async def test_a_request_for_an_unknown_dossier_waits_for_it(pool):
    """COM-5: a dossier audience is resolved when dossier.changed arrives, not dropped; each user in their language."""
    dossier = uuid.uuid4()
    request = dossier_updated(dossier)
    await _apply(pool, on_requested, request)
    assert await pool.fetchval("SELECT status FROM requests WHERE event_id = $1", request.event_id) == "pending"
    assert await pool.fetchval("SELECT count(*) FROM outgoing_mail") == 0
    await _apply(pool, on_dossier_changed, dossier_changed(
        dossier, user("fr@x.be", "fr", "administrator"), user("nl@x.be", "nl"), user("off@x.be", active=False),
        user("upload@x.be", profile="document_delivery")))
    rows = await pool.fetch("SELECT to_address, language, subject FROM outgoing_mail ORDER BY to_address")
    assert [(r["to_address"], r["language"]) for r in rows] == [("fr@x.be", "fr"), ("nl@x.be", "nl")]
    assert "comptabilité" in rows[0]["subject"] and "boekhouding" in rows[1]["subject"]
    assert await pool.fetchval("SELECT status FROM requests WHERE event_id = $1", request.event_id) == "done"
    await _apply(pool, on_dossier_changed, dossier_changed(dossier, user("nl@x.be", "nl")))  # nothing new
    assert await pool.fetchval("SELECT count(*) FROM outgoing_mail") == 2


async def test_a_question_is_stored_as_a_portal_message_and_mailed_with_its_attachment_ref(pool):
    """WL-6, COM-1: channel portal keeps the message for the conversations and mails it (COM-6)."""
    dossier, anna = uuid.uuid4(), user("anna@x.be", "fr")
    await _apply(pool, on_dossier_changed, dossier_changed(dossier, anna))
    request = question(dossier, "sha256/ab/abc", recipient=anna.user_id)
    await _apply(pool, on_requested, request)
    await _apply(pool, on_requested, request)
    [msg] = await pool.fetch("SELECT * FROM messages")
    assert msg["recipient_user_id"] == anna.user_id and msg["text"] == "Is this a private expense?"
    assert msg["attachments"][0]["storage_key"] == "sha256/ab/abc"
    [mail] = await pool.fetch("SELECT * FROM outgoing_mail")
    assert mail["to_address"] == "anna@x.be" and mail["attachments"][0]["filename"] == "F2026-001.pdf"
    assert "Is this a private expense?" in mail["body"] and "Nouveau message" in mail["subject"]


async def test_an_office_wide_dossier_changed_is_no_dossier_to_replicate(pool):
    """runtime.replica.projection: a dossier.changed naming no dossier (an office-wide change) replicates nothing and
    releases no waiting request — instead of failing on a dossier row without an id (and going to the DLQ)."""
    settings = NotifySettings(service="notify-test", notify_portal_url=PORTAL)
    waiting = dossier_updated(uuid.uuid4())
    await _apply(pool, on_requested, waiting)
    office_wide = dossier_changed(uuid.uuid4(), user("nl@x.be", "nl")).model_copy(update={"dossier_id": None})
    async with pool.acquire() as conn, conn.transaction():
        await EVENT_HANDLERS["dossier.changed"](conn, office_wide, Deps(pool=pool, settings=settings))
    assert await pool.fetchval("SELECT count(*) FROM platform_dossiers") == 0
    assert await pool.fetchval("SELECT status FROM requests WHERE event_id = $1", waiting.event_id) == "pending"
    assert await pool.fetchval("SELECT count(*) FROM outgoing_mail") == 0
