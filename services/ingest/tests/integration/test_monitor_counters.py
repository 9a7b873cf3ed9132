"""The monitor's "In mailboxes" column (ACT-1, ING-9): documents uploaded and not sent for processing, per dossier,
for the dossiers the caller reaches (a count, not the documents); office-wide action monitor.view (no client user)."""
from __future__ import annotations

import uuid

import pytest

from ingest.handlers.events import on_dossier_changed
from ingest_testkit import dossier_changed, pdf_bytes, upload

pytestmark = pytest.mark.integration


async def test_documents_left_in_the_mailboxes_are_counted_per_dossier(client, world):
    uploaded = await upload(client, world, "ADMINISTRATOR", "purchases", None,
                            ("a.pdf", pdf_bytes(1)), ("b.pdf", pdf_bytes(2)), ("c.pdf", pdf_bytes(3)))
    first = uploaded.json()["documents"][0]["id"]
    sent = await client.post(f"/dossiers/{world.own}/send", json={"document_ids": [first]},
                             headers=world.headers("ADMIN"))
    assert sent.status_code == 200
    answer = await client.get("/monitor/counters", headers=world.headers("ADMIN"))
    assert answer.status_code == 200
    counts = {i["dossier_id"]: i["uploaded_not_sent"] for i in answer.json()["items"]}
    assert counts[world.own] == 2 and counts[world.other] == 0 and world.foreign not in counts
    asked = await client.get(f"/monitor/counters?dossier_id={world.other}", headers=world.headers("ADMIN"))
    assert asked.json()["items"] == [{"dossier_id": world.other, "uploaded_not_sent": 0}]
    support = await client.get("/monitor/counters", headers=world.headers("SUPPORT"))
    assert [i["dossier_id"] for i in support.json()["items"]] == [world.own]  # assigned to OWN only
    assert (await client.get("/monitor/counters", headers=world.headers("ADMINISTRATOR"))).status_code == 403
    foreign = (await client.get("/monitor/counters", headers=world.headers("FOREIGN_ADMIN"))).json()["items"]
    assert [i["dossier_id"] for i in foreign] == [world.foreign]  # its own office's dossier, never ours
    assert (await client.get("/monitor/counters")).status_code == 401


async def test_a_caller_unassigned_or_demoted_since_their_token_no_longer_sees_the_dossier(client, world, pool):
    """Issue 15: the counters follow the dossier replica's people, not only the token (issued up to 15 minutes
    earlier): office republished OWN without the SUPPORT, then both dossiers with another admin."""
    admin = world.principals["ADMIN"].subject

    async def republish(admins: list[str]) -> None:
        async with pool.acquire() as conn, conn.transaction():
            for dossier in (world.own, world.other):
                event = dossier_changed(world, world.office, dossier)
                await on_dossier_changed(conn, event.model_copy(update={"dossier": event.dossier.model_copy(
                    update={"admins": tuple(uuid.UUID(a) for a in admins)})}))

    async def seen(who: str) -> list[str]:
        answer = await client.get("/monitor/counters", headers=world.headers(who))
        assert answer.status_code == 200, answer.text
        return sorted(i["dossier_id"] for i in answer.json()["items"])

    assert await seen("SUPPORT") == [world.own]  # snapshots naming no admins (older ones): the token decides
    await republish([admin])
    assert await seen("SUPPORT") == [] and await seen("ADMIN") == sorted((world.own, world.other))
    await republish([str(uuid.uuid4())])
    assert await seen("ADMIN") == []
