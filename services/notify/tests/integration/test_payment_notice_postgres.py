"""Issue 17 item 4 on the real Postgres, through notify's Kafka handler table: the payment.approved mail links into
the office's portal (``?office=<slug>``, learnt from the office's own requests, as its mails link), and goes to
whoever may execute the payment but the initiator who approved it."""
from __future__ import annotations

import uuid

import pytest
from runtime.testing import temp_pool

from notify.bootstrap import MIGRATIONS
from notify.config import NotifySettings
from notify.entrypoints.kafka import EVENT_HANDLERS
from notify.handlers.context import Deps
from notify_testkit import PORTAL, dossier_changed, payment_approved, user, welcome

pytestmark = pytest.mark.integration
SETTINGS = NotifySettings(service="notify-test", notify_portal_url=PORTAL)


async def _apply(pool, topic, event):
    async with pool.acquire() as conn, conn.transaction():
        await EVENT_HANDLERS[topic](conn, event, Deps(pool=pool, settings=SETTINGS))


async def test_the_payment_mail_links_to_the_offices_portal_and_skips_the_initiator_who_approved():
    async with temp_pool(NotifySettings(service="notify-test"), MIGRATIONS) as pool:
        dossier, anna, boss = uuid.uuid4(), user("anna@example.be", "en"), user("boss@example.be", "fr",
                                                                                 "administrator")
        await _apply(pool, "dossier.changed", dossier_changed(dossier, anna, boss))
        await _apply(pool, "notification.requested", welcome())  # the office's mail names its slug: demo
        approved = payment_approved(dossier).model_copy(update={"initiated_by": anna.user_id})  # approval off
        await _apply(pool, "payment.approved", approved)
        rows = await pool.fetch("SELECT to_address, body FROM outgoing_mail WHERE template = 'payment.approved'")
    assert [r["to_address"] for r in rows] == ["boss@example.be"]
    assert f"{PORTAL}/dossiers/{dossier}/payments/{approved.payment_id}?office=demo" in rows[0]["body"]
