"""A route's second check (``common.may``: e.g. the dashboard leaving out cash and internal transfers for a caller who
may not see financial data) is judged like its first: by the dossier replica's people too, not the token alone
(issue 15) — a client whose profile office lowered since the token was issued is refused the second action."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from starlette.requests import Request

from reporting.entrypoints.http.common import may
from reporting.handlers.events import on_dossier_changed
from reporting_testkit import app_on, client, client_user, dossier_changed

pytestmark = pytest.mark.integration
DOSSIER = uuid.uuid4()


async def publish(pool, *users) -> None:
    """office's dossier.changed with these client users and naming its admins (a replica that decides)."""
    event = dossier_changed(DOSSIER)
    snapshot = event.dossier.model_copy(update={"users": users, "admins": (uuid.uuid4(),)})
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, event.model_copy(update={"dossier": snapshot}))


async def test_a_profile_lowered_since_the_token_refuses_the_second_action(pool, issuer):
    dana = client_user("full_access")
    token = replace(client(DOSSIER, "full_access"), subject=str(dana.user_id))  # issued before the changes
    request = Request({"type": "http", "app": app_on(pool, issuer)})
    await publish(pool, dana)
    assert await may(request, token, "financial.view", DOSSIER)
    await publish(pool, dana.model_copy(update={"profile": "document_processing_archive"}))
    assert not await may(request, token, "financial.view", DOSSIER)
    await publish(pool, dana.model_copy(update={"active": False}))
    assert not await may(request, token, "financial.view", DOSSIER)
    assert not await may(request, token, "financial.view", uuid.uuid4())  # a dossier the replica never heard of
