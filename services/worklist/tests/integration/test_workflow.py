"""Statuses through their transitions on the real Postgres (WL-3, WL-4, WL-10, WL-12, SYN-6): bulk check and send
through the outbox, booking.recorded booked/rejected and re-send, delete before and after booking, help needed,
misc filing, asking the client with the document attached, and the monitor counters (ACT-1)."""
from __future__ import annotations

import uuid

import pytest
from contracts.codec import deserialize
from contracts.events.bookings import BookingRecorded
from runtime.errors import PermanentError

from worklist.handlers.events import misc_proposal_id, on_booking_recorded, on_document_received, on_proposal_created

from worklist_testkit import CLIENT_USER, add_proposal, apply, document_received, proposal_created

pytestmark = pytest.mark.integration


async def outbox(pool, topic: str) -> list:
    rows = await pool.fetch("SELECT payload FROM outbox WHERE topic = $1 ORDER BY id", topic)
    return [deserialize(topic, bytes(r["payload"]) if not isinstance(r["payload"], bytes) else r["payload"]) for r in rows]


def posted(world, proposal_id, *, ok: bool, reason: str | None = None, action: str = "posted") -> BookingRecorded:
    return BookingRecorded.model_validate({
        "correlation_id": "t", "office_id": world.office, "dossier_id": world.own, "action": action,
        "outcome": "succeeded" if ok else "failed", "error_reason": reason, "accounting_software": "tryton",
        "proposal_id": str(proposal_id),
        "booking": {"reference": "account.move,981", "journal": {"code": "ACH", "type": "purchases"},
                    "period": {"code": "2025-03", "start_date": "2025-03-01", "end_date": "2025-03-31"},
                    "booking_date": "2025-03-12", "total": "121.00"} if ok else None})


async def status_of(client, world, proposal_id, who="ADMIN") -> dict:
    return (await client.get(f"/dossiers/{world.own}/proposals/{proposal_id}", headers=world.headers(who))).json()


async def test_check_send_reject_correct_resend_booked(client, world, pool):
    good = await add_proposal(pool, world)
    incomplete = await add_proposal(pool, world, invoice_number=None, status="incomplete")
    h = world.headers("COLLABORATOR")
    base = f"/dossiers/{world.own}/proposals"
    checked = await client.post(f"{base}/check", headers=h, json={"proposal_ids": [str(good.proposal_id),
                                                                                  str(incomplete.proposal_id)]})
    assert checked.json()["done"] == [str(good.proposal_id)]
    assert checked.json()["refused"][0]["code"] == "incomplete" and "invoice_number" in checked.json()["refused"][0]["message"]
    unreviewed = await client.post(f"{base}/send", headers=h, json={"proposal_ids": [str(incomplete.proposal_id)]})
    assert unreviewed.json()["refused"][0]["code"] == "wrong_status"
    sent = await client.post(f"{base}/send", headers=h, json={"proposal_ids": [str(good.proposal_id)]})
    assert sent.json() == {"done": [str(good.proposal_id)], "refused": []}
    [event] = await outbox(pool, "proposal.validated")
    assert event.proposal_id == good.proposal_id and event.status == "validated"
    assert event.validation_mode == "collaborator" and not event.direct_booking
    assert event.validated_by.kind == "collaborator" and event.validated_by.name == "Collaborator"
    assert (await status_of(client, world, good.proposal_id))["status"] == "sent"
    locked = await client.patch(f"{base}/{good.proposal_id}", headers=h, json={"note": "x"})
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "wrong_status"

    await apply(pool, on_booking_recorded, posted(world, good.proposal_id, ok=False, reason="period 2025-03 is closed"))
    shown = await status_of(client, world, good.proposal_id)
    assert shown["status"] == "rejected" and shown["rejection_reason"] == "period 2025-03 is closed" and shown["editable"]
    listed = await client.get(f"/dossiers/{world.own}/worklists/purchases", params={"status": "rejected"}, headers=h)
    assert listed.json()["items"][0]["rejection_reason"] == "period 2025-03 is closed"
    fixed = await client.patch(f"{base}/{good.proposal_id}", headers=h, json={"period": "2025-04", "review": True})
    assert fixed.json()["proposal"]["status"] == "validated"
    assert fixed.json()["proposal"]["rejection_reason"] == "period 2025-03 is closed"  # still shown until booked
    resent = await client.post(f"{base}/send", headers=h, json={"proposal_ids": [str(good.proposal_id)]})
    assert resent.json()["done"] == [str(good.proposal_id)]
    first, second = await outbox(pool, "proposal.validated")
    assert second.proposal_id == first.proposal_id and second.event_id != first.event_id
    assert second.period.code == "2025-04"

    await apply(pool, on_booking_recorded, posted(world, good.proposal_id, ok=True))
    shown = await status_of(client, world, good.proposal_id)
    assert shown["status"] == "booked" and shown["booking_reference"] == "account.move,981"
    assert shown["rejection_reason"] is None
    default_list = await client.get(f"/dossiers/{world.own}/worklists/purchases", headers=h)
    assert str(good.proposal_id) not in {i["id"] for i in default_list.json()["items"]}  # booked: not by default


async def test_a_vat_amount_without_vat_code_is_neither_validated_nor_sent(client, world, pool):
    """Issue 15 item 1: the software would book such a line without VAT (1325.00 instead of 1656.25)."""
    line = {"line_no": 1, "account": "604000", "vat_code": None, "vat_rate": None, "net_amount": "1325.00",
            "vat_amount": "331.25"}
    made = await add_proposal(pool, world, lines=[line], totals={"net": "1325.00", "vat": "331.25", "gross": "1656.25"})
    h = world.headers("COLLABORATOR")
    base = f"/dossiers/{world.own}/proposals"
    reviewed = await client.patch(f"{base}/{made.proposal_id}", headers=h, json={"review": True})
    assert reviewed.status_code == 422 and reviewed.json()["error"]["code"] == "vat_without_code"
    assert [f["field"] for f in reviewed.json()["error"]["fields"]] == ["lines.1.vat_code"]
    checked = await client.post(f"{base}/check", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    assert checked.json()["refused"][0]["code"] == "vat_without_code"
    # reviewed before the rule (or by another way in): sending refuses it all the same, nothing is published
    await pool.execute("UPDATE proposals SET status = 'validated' WHERE proposal_id = $1", made.proposal_id)
    sent = await client.post(f"{base}/send", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    assert sent.json()["done"] == [] and sent.json()["refused"][0]["code"] == "vat_without_code"
    assert "line 1" in sent.json()["refused"][0]["message"]
    assert await outbox(pool, "proposal.validated") == []
    assert (await status_of(client, world, made.proposal_id))["status"] == "validated"
    fixed = await client.patch(f"{base}/{made.proposal_id}", headers=h, json={
        "lines": [{**line, "vat_code": "21"}], "review": True})
    assert fixed.status_code == 200 and fixed.json()["proposal"]["status"] == "validated"


async def test_a_refusal_reaches_the_list_as_a_code_with_its_values(client, world, pool):
    made = await add_proposal(pool, world)
    h = world.headers("COLLABORATOR")
    await client.post(f"/dossiers/{world.own}/proposals/check", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    await client.post(f"/dossiers/{world.own}/proposals/send", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    refusal = posted(world, made.proposal_id, ok=False, reason="the software would book net 100.00, VAT 0").model_copy(
        update={"error_code": "TotalsDiffer", "error_params": {"gross": "121.00", "software_gross": "100.00"}})
    await apply(pool, on_booking_recorded, refusal)
    shown = await status_of(client, world, made.proposal_id)
    assert shown["status"] == "rejected" and shown["rejection_code"] == "TotalsDiffer"
    assert shown["rejection_params"] == {"gross": "121.00", "software_gross": "100.00"}
    await client.post(f"/dossiers/{world.own}/proposals/send", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    await apply(pool, on_booking_recorded, posted(world, made.proposal_id, ok=True))
    booked = await status_of(client, world, made.proposal_id)
    assert booked["status"] == "booked" and booked["rejection_code"] is None and booked["rejection_params"] == {}


async def test_hybrid_and_client_modes_reach_proposal_validated(client, world, pool):
    await pool.execute("UPDATE platform_dossiers SET settings = settings || '{\"validation_mode\": \"client\", "
                       "\"direct_booking\": true}'::jsonb WHERE dossier_id = $1", uuid.UUID(world.own))
    made = await add_proposal(pool, world)
    h = world.headers("FULL_ACCESS")
    await client.post(f"/dossiers/{world.own}/proposals/check", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    sent = await client.post(f"/dossiers/{world.own}/proposals/send", headers=h, json={"proposal_ids": [str(made.proposal_id)]})
    assert sent.status_code == 200 and sent.json()["done"] == [str(made.proposal_id)]
    [event] = await outbox(pool, "proposal.validated")
    assert event.validation_mode == "client" and event.direct_booking and event.validated_by.kind == "client_user"


async def test_delete_unsent_and_booked_entries(client, world, pool):
    unsent = await add_proposal(pool, world)
    booked = await add_proposal(pool, world)
    await pool.execute("UPDATE proposals SET status = 'booked', booking_reference = 'account.move,5' "
                       "WHERE proposal_id = $1", booked.proposal_id)
    base = f"/dossiers/{world.own}/proposals"
    gone = await client.request("DELETE", f"{base}/{unsent.proposal_id}", headers=world.headers("SUPPORT"))
    assert gone.status_code == 204
    assert (await client.get(f"{base}/{unsent.proposal_id}", headers=world.headers("ADMIN"))).status_code == 404
    support = await client.request("DELETE", f"{base}/{booked.proposal_id}", headers=world.headers("SUPPORT"))
    assert support.status_code == 403 and "booking.delete" in support.json()["error"]["message"]
    asked = await client.request("DELETE", f"{base}/{booked.proposal_id}", headers=world.headers("COLLABORATOR"),
                                 json={"reason": "double"})
    assert asked.status_code == 202 and (await status_of(client, world, booked.proposal_id))["status"] == "withdrawing"
    withdrawn = await outbox(pool, "proposal.withdrawn")
    assert [(w.proposal_id, w.booking_reference) for w in withdrawn] == [(unsent.proposal_id, None),
                                                                       (booked.proposal_id, "account.move,5")]
    assert withdrawn[1].reason == "double"
    await apply(pool, on_booking_recorded, posted(world, booked.proposal_id, ok=False, reason="entry is reconciled",
                                               action="deleted"))
    back = await status_of(client, world, booked.proposal_id)
    assert back["status"] == "booked" and "entry is reconciled" in back["rejection_reason"]
    await client.post(f"{base}/delete", headers=world.headers("ADMIN"), json={"proposal_ids": [str(booked.proposal_id)]})
    await apply(pool, on_booking_recorded, posted(world, booked.proposal_id, ok=True, action="deleted"))
    assert (await client.get(f"{base}/{booked.proposal_id}", headers=world.headers("ADMIN"))).status_code == 404


async def test_bulk_change_type_journal_period(client, world, pool):
    a, b = await add_proposal(pool, world), await add_proposal(pool, world)
    h = world.headers("COLLABORATOR")
    changed = await client.post(f"/dossiers/{world.own}/proposals/change", headers=h,
                                json={"proposal_ids": [str(a.proposal_id), str(b.proposal_id)], "period": "2025-04"})
    assert len(changed.json()["done"]) == 2
    assert (await status_of(client, world, a.proposal_id))["period"] == "2025-04"
    closed = await client.post(f"/dossiers/{world.own}/proposals/change", headers=h,
                               json={"proposal_ids": [str(a.proposal_id)], "period": "2025-01"})
    assert closed.json()["refused"][0]["code"] == "invalid" and "closed" in closed.json()["refused"][0]["message"]
    to_misc = await client.post(f"/dossiers/{world.own}/proposals/change", headers=h,
                                json={"proposal_ids": [str(b.proposal_id)], "mailbox": "misc"})
    assert to_misc.json()["done"] == [str(b.proposal_id)]
    assert (await status_of(client, world, b.proposal_id))["status"] == "to_file"


async def test_help_needed_misc_filing_and_monitor_counters(client, world, pool):
    a = await add_proposal(pool, world)
    await add_proposal(pool, world)
    doc = str(uuid.uuid4())
    await apply(pool, on_document_received, document_received(world.office, world.own, doc, "misc"))
    await apply(pool, on_document_received, document_received(world.office, world.own, doc, "misc"))  # redelivered
    help_url = f"/dossiers/{world.own}/proposals/{a.proposal_id}/help"
    assert (await client.post(help_url, headers=world.headers("FULL_ACCESS"), json={"needed": True})).status_code == 403
    helped = await client.post(help_url, headers=world.headers("SUPPORT"), json={"needed": True, "note": "VAT?"})
    assert helped.json()["help_needed"] and helped.json()["help_note"] == "VAT?"
    counters = await client.get("/monitor/counters", headers=world.headers("SUPPORT"))
    assert counters.json()["items"] == [{"dossier_id": world.own, "validation_mode": "collaborator", "help_requests": 1,
                                         "ready_for_validation": 2, "to_send": 0, "rejected": 0, "misc_to_do": 1,
                                         "last_proposal_at": counters.json()["items"][0]["last_proposal_at"]}]
    admin = await client.get("/monitor/counters", headers=world.headers("ADMIN"))
    assert {i["dossier_id"] for i in admin.json()["items"]} == {world.own, world.other}
    assert (await client.get("/monitor/counters", headers=world.headers("FULL_ACCESS"))).status_code == 403

    misc = misc_proposal_id(uuid.UUID(doc))
    listed = await client.get(f"/dossiers/{world.own}/worklists/misc", headers=world.headers("ADMIN"))
    assert [i["id"] for i in listed.json()["items"]] == [str(misc)] and listed.json()["items"][0]["status"] == "to_file"
    bad = await client.post(f"/dossiers/{world.own}/proposals/{misc}/file", headers=world.headers("ADMIN"),
                            json={"type": "recipes"})
    assert bad.status_code == 422 and "recipes" in bad.json()["error"]["message"]
    filed = await client.post(f"/dossiers/{world.own}/proposals/{misc}/file", headers=world.headers("ADMIN"),
                              json={"type": "statutes"})
    assert filed.json()["status"] == "filed" and filed.json()["misc_type"] == "statutes"
    not_misc = await client.post(f"/dossiers/{world.own}/proposals/{a.proposal_id}/file",
                                 headers=world.headers("ADMIN"), json={"type": "statutes"})
    assert not_misc.status_code == 409
    after = await client.get("/monitor/counters", params={"dossier_id": world.own}, headers=world.headers("ADMIN"))
    assert after.json()["items"][0]["misc_to_do"] == 0
    archive = await client.get(f"/dossiers/{world.own}/permanent-dossier", headers=world.headers("FULL_FEEDBACK"))
    assert archive.json()["types"] == [{"code": "statutes", "count": 1}]
    [item] = archive.json()["items"]
    assert item["id"] == str(misc) and item["type"] == "statutes" and item["filename"] == "invoice.pdf"
    assert item["filed_by"]["name"] == "Admin" and item["filed_at"]
    assert (await client.get(f"/dossiers/{world.own}/permanent-dossier", params={"type": "contracts"},
                             headers=world.headers("ADMIN"))).json()["items"] == []
    await client.post(f"/dossiers/{world.own}/proposals/{misc}/unfile", headers=world.headers("ADMIN"))
    assert (await client.get(f"/dossiers/{world.own}/permanent-dossier", headers=world.headers("ADMIN"))).json() == \
        {"types": [], "items": []}


async def test_ask_the_client_attaches_the_document(client, world, pool):
    made = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals/{made.proposal_id}/ask-client"
    asked = await client.post(url, headers=world.headers("COLLABORATOR"),
                              json={"question": "Is this private?", "recipient_user_id": CLIENT_USER})
    assert asked.status_code == 202
    [event] = await outbox(pool, "notification.requested")
    assert str(event.event_id) == asked.json()["request_id"] and event.template == "worklist.question"
    assert str(event.recipient.user_id) == CLIENT_USER and event.language == "fr"  # the recipient's language
    assert event.params["question"] == "Is this private?" and event.params["invoice_number"] == made.invoice_number
    assert event.params["asked_by_id"] == world.principals["COLLABORATOR"].subject  # COM-1: the answer goes back to the asker
    assert event.attachments[0].storage_key == f"documents/{made.document_id}.pdf"
    assert event.attachments[0].document_id == made.document_id
    stranger = await client.post(url, headers=world.headers("COLLABORATOR"),
                                 json={"question": "?", "recipient_user_id": str(uuid.uuid4())})
    assert stranger.status_code == 422 and stranger.json()["error"]["field"] == "recipient_user_id"
    everyone = await client.post(url, headers=world.headers("COLLABORATOR"), json={"question": "Anyone?"})
    assert everyone.status_code == 202
    second = (await outbox(pool, "notification.requested"))[1]
    assert second.audience == "dossier_full_access" and second.language == "nl"  # the dossier's language
    no_file = await add_proposal(pool, world, with_document=False)
    unknown = await client.post(f"/dossiers/{world.own}/proposals/{no_file.proposal_id}/ask-client",
                                headers=world.headers("COLLABORATOR"), json={"question": "?"})
    assert unknown.status_code == 409 and unknown.json()["error"]["code"] == "document_unknown"


async def test_a_proposal_of_another_dossier_is_not_found(client, world, pool):
    theirs = await add_proposal(pool, world, world.other)
    h = world.headers("ADMIN")
    for method, suffix, body in (("GET", "", None), ("PATCH", "", {"note": "x"}), ("POST", "/undo", None),
                                 ("POST", "/help", {"needed": True}), ("DELETE", "", None)):
        response = await client.request(method, f"/dossiers/{world.own}/proposals/{theirs.proposal_id}{suffix}",
                                        headers=h, json=body)
        assert response.status_code == 404, (method, suffix, response.text)
    bulk = await client.post(f"/dossiers/{world.own}/proposals/send", headers=h,
                             json={"proposal_ids": [str(theirs.proposal_id)]})
    assert bulk.json()["refused"][0]["code"] == "not_found"


async def test_a_proposal_without_a_dossier_is_dead_lettered_not_stored(world, pool):
    orphan = proposal_created(world.office, world.own).model_copy(update={"dossier_id": None})
    with pytest.raises(PermanentError, match="dossier_id"):
        await apply(pool, on_proposal_created, orphan)
    assert await pool.fetchval("SELECT count(*) FROM proposals") == 0


async def test_a_proposal_for_a_misc_document_supersedes_its_untouched_misc_item(client, world, pool):
    doc = str(uuid.uuid4())
    await apply(pool, on_document_received, document_received(world.office, world.own, doc, "misc"))
    await apply(pool, on_proposal_created, proposal_created(world.office, world.own, document_id=doc, mailbox="misc"))
    listed = await client.get(f"/dossiers/{world.own}/worklists/misc", headers=world.headers("ADMIN"))
    assert [(i["document_id"], i["status"], i["journal"]["code"]) for i in listed.json()["items"]] == [(doc, "to_file", "ACH")]
