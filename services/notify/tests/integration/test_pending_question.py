"""A question that waits for its dossier (WL-6, COM-1): office's first dossier.changed may come before its users
are added; the question keeps waiting and opens its thread with the snapshot that brings them."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from runtime.testing import temp_pool

from notify.bootstrap import MIGRATIONS
from notify.config import NotifySettings
from notify.handlers.notifications import dossier_projection, on_requested
from notify_testkit import PORTAL, dossier_changed, question, user

pytestmark = pytest.mark.integration
on_dossier_changed = dossier_projection(PORTAL)  # the dossier.changed use case, built once as notify's Deps build it


async def test_a_pending_question_waits_for_a_snapshot_with_full_access_users():
    dossier, anna = uuid.uuid4(), user("anna@x.be", "fr", "full_access")
    ask = question(dossier, "k")
    async with temp_pool(NotifySettings(service="notify-test"), MIGRATIONS) as pool:
        async with pool.acquire() as conn, conn.transaction():
            await on_requested(conn, ask, PORTAL)
            await on_dossier_changed(conn, dossier_changed(dossier))  # created, no users yet
        status = "SELECT status FROM requests WHERE event_id = $1"
        assert await pool.fetchval(status, ask.event_id) == "pending"
        assert await pool.fetchval("SELECT count(*) FROM conversations") == 0
        async with pool.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, dossier_changed(dossier, anna))
        assert await pool.fetchval(status, ask.event_id) == "done"
        assert await pool.fetchval("SELECT subject FROM conversations WHERE dossier_id = $1", dossier) == \
            "F2026-001 · Proximus NV"
        assert await pool.fetchval("SELECT to_address FROM outgoing_mail") == "anna@x.be"


async def test_a_request_pending_while_its_dossier_arrives_at_the_same_moment_is_carried_out():
    """Found in CI: the request and the dossier.changed consumed at once on two connections; the request saw no
    dossier (not committed), the dossier saw no pending request (not committed), and the question never left."""
    dossier, anna = uuid.uuid4(), user("anna@x.be", "fr")
    ask = question(dossier, "k", recipient=anna.user_id)
    async with temp_pool(NotifySettings(service="notify-test"), MIGRATIONS) as pool:
        async with pool.acquire() as asking, pool.acquire() as arriving:
            request_tx = asking.transaction()
            await request_tx.start()
            await on_requested(asking, ask, PORTAL)  # no dossier yet: pending, not committed
            async def arrive():
                async with arriving.transaction():
                    await on_dossier_changed(arriving, dossier_changed(dossier, anna))
            arrival = asyncio.create_task(arrive())
            await asyncio.sleep(0.5)
            await request_tx.commit()
            await asyncio.wait_for(arrival, 10)
        assert await pool.fetchval("SELECT status FROM requests WHERE event_id = $1", ask.event_id) == "done"
        assert await pool.fetchval("SELECT to_address FROM outgoing_mail") == "anna@x.be"
