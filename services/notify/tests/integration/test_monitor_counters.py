"""The monitor's open-conversations counter (ACT-1, COM-1): open threads per dossier and those waiting for the
office (the client wrote last), for the dossiers the caller may read the conversations of; office-wide action
monitor.view, so no client user."""
from __future__ import annotations

import uuid

import pytest
from conversation_kit import (DOSSIER, PEOPLE, QUIET, as_, base, changed, only_thread,  # noqa: F401
                              pool, store)

from notify.handlers.notifications import dossier_projection
from notify_testkit import PORTAL

pytestmark = pytest.mark.integration
on_dossier_changed = dossier_projection(PORTAL)  # the dossier.changed use case, built once as notify's Deps build it


async def counts(client) -> dict[str, tuple[int, int]]:
    answer = await client.get("/monitor/counters")
    assert answer.status_code == 200, answer.text
    return {i["dossier_id"]: (i["open_conversations"], i["waiting_for_office"]) for i in answer.json()["items"]}


async def test_open_conversations_and_those_waiting_for_the_office_are_counted(pool, as_):  # noqa: F811
    admin, jan, anna = as_("ADMIN"), as_("JAN"), as_("ANNA")
    assert await counts(admin) == {str(DOSSIER): (1, 0), str(QUIET): (1, 0)}  # the office's questions
    thread = await only_thread(anna)
    assert (await anna.post(f"{base()}/{thread['id']}/messages", json={"text": "Here it is"})).status_code == 201
    quiet = await only_thread(jan, QUIET)
    assert (await jan.post(f"{base(QUIET)}/{quiet['id']}/close")).status_code == 204
    assert await counts(jan) == {str(DOSSIER): (1, 1), str(QUIET): (0, 0)}
    only = await admin.get(f"/monitor/counters?dossier_id={QUIET}")
    assert [i["dossier_id"] for i in only.json()["items"]] == [str(QUIET)]
    assert (await anna.get("/monitor/counters")).status_code == 403
    assert await counts(as_("FOREIGN")) == {}


async def test_a_collaborator_unassigned_since_their_token_no_longer_counts_the_dossier(pool, as_):  # noqa: F811
    """Issue 15: the counters follow the dossier replica's people, not only the token (issued up to 15 minutes
    earlier): office republished DOSSIER without JAN (QUIET's snapshot names no admins: the token decides there)."""
    event = changed(DOSSIER)
    event = event.model_copy(update={"dossier": event.dossier.model_copy(
        update={"admins": (uuid.UUID(PEOPLE["ADMIN"].subject),)})})
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, event)
    assert await counts(as_("JAN")) == {str(QUIET): (1, 0)}
    assert await counts(as_("ADMIN")) == {str(DOSSIER): (1, 0), str(QUIET): (1, 0)}
