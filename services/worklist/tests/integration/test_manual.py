"""A booking entered by hand, without a document (REC-2 "type manual", issue 15 item 13), on the real Postgres: made
from typed fields checked against the replica, listed as origin manual, reviewed and sent like any proposal
(proposal.validated through the outbox), refused field by field when a value is wrong, and who may make one."""
from __future__ import annotations

import pytest
from contracts.codec import deserialize

pytestmark = pytest.mark.integration
ENTRY = {"mailbox": "purchases", "journal": "ACH", "period": "2025-03", "invoice_date": "2025-03-14",
         "invoice_number": "KAS-17", "counterparty": {"reference": "P-0008"}, "comment": "cash ticket, no invoice",
         "lines": [{"account": "611000", "vat_code": "21", "vat_rate": "21", "net_amount": "41,32", "vat_amount": "8,68"}]}


async def outbox(pool, topic: str) -> list:
    rows = await pool.fetch("SELECT payload FROM outbox WHERE topic = $1 ORDER BY id", topic)
    return [deserialize(topic, bytes(r["payload"]) if not isinstance(r["payload"], bytes) else r["payload"]) for r in rows]


async def test_a_manual_entry_is_listed_reviewed_and_sent_like_any_proposal(client, world, pool):
    h = world.headers("COLLABORATOR")
    made = await client.post(f"/dossiers/{world.own}/proposals", headers=h, json=ENTRY)
    assert made.status_code == 201, made.text
    p = made.json()
    assert (p["origin"], p["status"], p["mailbox"], p["document"]) == ("manual", "complete", "purchases", None)
    assert p["totals"] == {"net": "41.32", "vat": "8.68", "gross": "50.00"} and p["counterparty"]["name"] == "Garage Martin"
    listed = (await client.get(f"/dossiers/{world.own}/worklists/purchases", params={"origin": "manual"},
                                headers=h)).json()["items"]
    assert [i["id"] for i in listed] == [p["id"]]
    reviewed = await client.patch(f"/dossiers/{world.own}/proposals/{p['id']}", headers=h, json={"review": True})
    assert reviewed.json()["proposal"]["status"] == "validated"
    sent = await client.post(f"/dossiers/{world.own}/proposals/send", headers=h, json={"proposal_ids": [p["id"]]})
    assert sent.json()["done"] == [p["id"]]
    [event] = await outbox(pool, "proposal.validated")
    assert str(event.proposal_id) == p["id"] and event.origin == "manual" and event.invoice_number == "KAS-17"
    assert (event.journal.code, event.period.code, str(event.totals.gross)) == ("ACH", "2025-03", "50.00")
    assert event.comment == "cash ticket, no invoice" and event.lines[0].account == "611000"


async def test_a_manual_entry_with_wrong_values_is_refused_by_field_and_nothing_is_stored(client, world, pool):
    h = world.headers("ADMIN")
    bad = await client.post(f"/dossiers/{world.own}/proposals", headers=h, json={
        **ENTRY, "period": "2025-01", "lines": [{"account": "999999", "net_amount": "abc"}]})
    assert bad.status_code == 422
    assert {f["field"]: f["code"] for f in bad.json()["error"]["fields"]} == {
        "period": "closed_period", "lines.1.account": "unknown_account", "lines.1.net_amount": "bad_amount"}
    misc = await client.post(f"/dossiers/{world.own}/proposals", headers=h, json={**ENTRY, "mailbox": "misc"})
    assert misc.status_code == 422 and misc.json()["error"]["fields"][0]["field"] == "mailbox"
    assert await pool.fetchval("SELECT count(*) FROM proposals") == 0


async def test_an_incomplete_manual_entry_waits_in_the_list_and_who_may_make_one(client, world, pool):
    made = await client.post(f"/dossiers/{world.own}/proposals", headers=world.headers("SUPPORT"),
                             json={"mailbox": "sales", "invoice_number": "V-1"})
    assert made.status_code == 201 and made.json()["status"] == "incomplete" and made.json()["mailbox"] == "sales"
    for who in ("FULL_FEEDBACK", "DOCUMENT_DELIVERY", "API_KEY", "FOREIGN_ADMIN"):
        refused = await client.post(f"/dossiers/{world.own}/proposals", headers=world.headers(who), json=ENTRY)
        assert refused.status_code in (401, 403), who
