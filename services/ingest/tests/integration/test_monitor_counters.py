"""The monitor's "In mailboxes" column (ACT-1, ING-9): documents uploaded and not sent for processing, per dossier,
for the dossiers the caller reaches (a count, not the documents); office-wide action monitor.view (no client user)."""
from __future__ import annotations

import pytest

from ingest_testkit import pdf_bytes, upload

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
