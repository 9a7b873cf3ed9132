"""The payments API on the real Postgres and S3: prefill from a document (PAY-2), approval by every rule user
(PAY-8/9) with payment.approved in the outbox, a SEPA file stored and downloaded again (PAY-3/5/6), EPC QR (PAY-4)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import LedgerSynced, MasterData, OpenItem, SyncRun
from contracts.events.proposals import Totals
from lxml import etree

from payments.adapters.pain001 import NS, safe_parser
from payments.handlers.events import (on_booking_recorded, on_dossier_changed, on_ledger_synced, on_proposal_created,
                                      on_proposal_validated)
from payments_testkit import (DEBTOR_IBAN, PROXIMUS_IBAN, bearer, client, client_user, dossier_changed,
                              proposal_created, proposal_validated)

pytestmark = pytest.mark.integration
DOSSIER, DOC = uuid.uuid4(), uuid.uuid4()
ANNA, BOB, CAROL = client_user("full_access"), client_user("administrator"), client_user("full_access")


@pytest.fixture
async def seeded(pool):
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER, ANNA, BOB, CAROL))
        created = proposal_created(DOSSIER, DOC, gross="1500.00")  # recognition read too much: the review says 1210
        await on_proposal_created(conn, created)
        await on_proposal_validated(conn, proposal_validated(created, totals=Totals(
            net=Decimal("1000.00"), vat=Decimal("210.00"), gross=Decimal("1210.00"))))
    return pool


def as_(issuer, user):
    return bearer(issuer, client(user, DOSSIER))


async def outbox(pool) -> list[dict]:
    return [dict(r) for r in await pool.fetch("SELECT topic, key, payload FROM outbox ORDER BY created_at")]


async def test_a_payment_of_a_document_is_prefilled_and_created_once(http, issuer, seeded):
    """PAY-2, PAY-10: only document_id → creditor, IBAN, BIC, amount, structured communication and due date;
    the same Idempotency-Key answers the same payment; a second payment of the document is a 409."""
    path = f"/dossiers/{DOSSIER}/payments"
    first = await http.post(path, json={"document_id": str(DOC)}, headers={**as_(issuer, ANNA),
                                                                           "idempotency-key": "k1"})
    assert first.status_code == 201, first.text
    p = first.json()
    assert p["creditor"] == {"name": "Proximus NV", "iban": PROXIMUS_IBAN, "bic": "GKCCBEBB"}
    assert (p["amount"], p["state"], p["execution_date"]) == ("1210.00", "draft", "2030-01-15")
    assert p["communication"] == {"kind": "structured", "text": "+++010/8068/17183+++"}
    again = await http.post(path, json={"document_id": str(DOC)}, headers={**as_(issuer, ANNA),
                                                                           "idempotency-key": "k1"})
    assert again.status_code == 200 and again.json()["id"] == p["id"]
    dup = await http.post(path, json={"document_id": str(DOC)}, headers=as_(issuer, ANNA))
    assert dup.status_code == 409 and p["id"] in dup.json()["error"]["message"]
    assert dup.json()["error"]["reason"] == "document_paid" and dup.json()["error"]["params"]["payment_id"] == p["id"]
    status = (await http.get(f"/dossiers/{DOSSIER}/documents/{DOC}/payment-status", headers=as_(issuer, ANNA))).json()
    assert status["payment_in_progress"] is True and status["payment"]["id"] == p["id"]


async def test_only_a_reviewed_invoice_prefills_and_is_listed_to_pay(http, issuer, seeded, pool):
    """Issue 15 item 11: recognition's 1500.00 never prefills (the review's 1210.00 does, above); an invoice not yet
    reviewed gives 422 document_not_reviewed on document_id, and is not in the list to pay until sent."""
    fresh = proposal_created(DOSSIER, uuid.uuid4(), gross="5756.21")
    async with pool.acquire() as conn, conn.transaction():
        await on_proposal_created(conn, fresh)
    path = f"/dossiers/{DOSSIER}/payments"
    refused = await http.post(path, json={"document_id": str(fresh.document_id)}, headers=as_(issuer, ANNA))
    assert refused.status_code == 422
    fields = refused.json()["error"]["fields"]
    assert [(f["field"], f["code"]) for f in fields] == [("document_id", "document_not_reviewed")]
    listed = (await http.get(f"/dossiers/{DOSSIER}/payable-documents", headers=as_(issuer, ANNA))).json()["items"]
    assert [(i["document_id"], i["amount"]) for i in listed] == [(str(DOC), "1210.00")]
    by_hand = await http.post(path, headers=as_(issuer, ANNA), json={
        "document_id": str(fresh.document_id), "amount": "4904.94", "creditor": {"name": "AWS", "iban": PROXIMUS_IBAN}})
    assert by_hand.status_code == 201 and by_hand.json()["amount"] == "4904.94"
    await http.post(path, json={"document_id": str(DOC)}, headers=as_(issuer, ANNA))
    assert (await http.get(f"/dossiers/{DOSSIER}/payable-documents", headers=as_(issuer, ANNA))).json()["items"] == []


@pytest.mark.parametrize("day, code, param", [("0001-01-01", "date_in_past", "earliest"),
                                               ("9999-12-31", "date_too_far", "latest")])
async def test_an_execution_date_before_today_or_over_a_year_ahead_is_refused(http, issuer, seeded, day, code, param):
    """Issue 15 item 11: drafts dated 0001-01-01 and 9999-12-31 existed; now a 422 naming execution_date with a code
    and the limit as a value (for a translated message); the SEPA file's own date is checked the same way ahead."""
    bad = await http.post(f"/dossiers/{DOSSIER}/payments", headers=as_(issuer, ANNA), json={
        "creditor": {"name": "X", "iban": PROXIMUS_IBAN}, "amount": "10", "execution_date": day})
    assert bad.status_code == 422
    (field,) = bad.json()["error"]["fields"]
    assert (field["field"], field["code"], list(field["params"])) == ("execution_date", code, [param])
    assert (await http.get(f"/dossiers/{DOSSIER}/payments", headers=as_(issuer, ANNA))).json()["payments"] == []


async def test_bad_fields_are_each_named_in_a_422(http, issuer, seeded):
    """PAY-2: wrong IBAN checksum, amount 0, structured communication with wrong check digits."""
    bad = await http.post(f"/dossiers/{DOSSIER}/payments", headers=as_(issuer, ANNA), json={
        "creditor": {"name": "X", "iban": "BE71096123456768"}, "amount": "0",
        "communication": {"kind": "structured", "text": "+++010/8068/17184+++"}})
    assert bad.status_code == 422
    assert {(f["field"], f["code"]) for f in bad.json()["error"]["fields"]} == {
        ("creditor.iban", "iban"), ("amount", "amount_not_positive"), ("communication.text", "structured_communication")}


async def _approved_pair(http, issuer) -> list[str]:
    """Two SEPA payments through a two-user rule: ANNA requests (not on the rule), BOB and CAROL approve."""
    admin = as_(issuer, BOB)
    assert (await http.put(f"/dossiers/{DOSSIER}/approval", json={"required": True}, headers=admin)).status_code == 200
    rule = (await http.post(f"/dossiers/{DOSSIER}/approval-rules", headers=admin, json={
        "name": "Two signatures", "user_ids": [str(BOB.user_id), str(CAROL.user_id)], "max_amount": "5000"})).json()
    ids = []
    for body in ({"document_id": str(DOC)}, {"creditor": {"name": "Colruyt", "iban": "BE71096123456769"},
                                             "amount": "15.50", "communication": {"kind": "free", "text": "Bon 7"},
                                             "execution_date": datetime.now(timezone.utc).date().isoformat()}):
        pid = (await http.post(f"/dossiers/{DOSSIER}/payments", json=body, headers=as_(issuer, ANNA))).json()["id"]
        base = f"/dossiers/{DOSSIER}/payments/{pid}"
        assert (await http.post(base + "/request-approval", json={"rule_id": rule["id"]},
                                headers=as_(issuer, ANNA))).json()["state"] == "to_approve"
        assert (await http.post(base + "/approve", headers=as_(issuer, ANNA))).status_code == 403  # not on the rule
        assert (await http.post(base + "/approve", headers=as_(issuer, BOB))).json()["state"] == "to_approve"
        assert (await http.post(base + "/approve", headers=as_(issuer, CAROL))).json()["state"] == "to_execute"
        ids.append(pid)
    return ids


async def test_every_rule_user_approves_then_payment_approved_is_in_the_outbox(http, issuer, seeded):
    """PAY-8: to_execute only after both users; one payment.approved per payment, keyed by the dossier, with
    both approvers; approval cannot be switched off while a payment waits."""
    ids = await _approved_pair(http, issuer)
    events = [e for e in await outbox(seeded) if e["topic"] == "payment.approved"]
    assert len(events) == 2 and {e["key"] for e in events} == {str(DOSSIER).encode()}
    payload = json.loads(events[0]["payload"])
    assert payload["payment_id"] == ids[0] and payload["amount"] == "1210.00" and payload["method"] == "sepa"
    assert {a["user_id"] for a in payload["approvers"]} == {str(BOB.user_id), str(CAROL.user_id)}
    third = (await http.post(f"/dossiers/{DOSSIER}/payments", headers=as_(issuer, ANNA), json={
        "creditor": {"name": "Y", "iban": PROXIMUS_IBAN}, "amount": "1"})).json()
    rule_id = (await http.get(f"/dossiers/{DOSSIER}/approval-rules", headers=as_(issuer, ANNA))).json()["rules"][0]["id"]
    await http.post(f"/dossiers/{DOSSIER}/payments/{third['id']}/request-approval", json={"rule_id": rule_id},
                    headers=as_(issuer, ANNA))
    off = await http.put(f"/dossiers/{DOSSIER}/approval", json={"required": False}, headers=as_(issuer, BOB))
    assert off.status_code == 409 and "await approval" in off.json()["error"]["message"]


async def test_a_sepa_file_of_two_payments_is_stored_and_downloaded_byte_identical(http, issuer, seeded, store):
    """PAY-3, PAY-5, PAY-6: preview count/total, the file in S3 and Postgres, payments executed, the past date
    replaced by the creation date, the same bytes on a second download."""
    ids = await _approved_pair(http, issuer)
    files = f"/dossiers/{DOSSIER}/sepa-files"
    preview = (await http.post(files + "/preview", json={"payment_ids": ids}, headers=as_(issuer, ANNA))).json()
    assert preview == {"count": 2, "total": "1225.50", "currency": "EUR"}
    made = await http.post(files, headers=as_(issuer, ANNA), json={
        "payment_ids": ids, "debtor": {"name": "Bakkerij Janssens BV", "iban": DEBTOR_IBAN, "bic": "ABNANL2A"}})
    assert made.status_code == 201, made.text
    record = made.json()
    assert (record["count"], record["total"], sorted(record["payment_ids"])) == (2, "1225.50", sorted(ids))
    first = await http.get(f"{files}/{record['id']}/xml", headers=as_(issuer, ANNA))
    second = await http.get(f"{files}/{record['id']}/xml", headers=as_(issuer, BOB))
    assert first.status_code == 200 and first.content == second.content
    key = await seeded.fetchval("SELECT storage_key FROM sepa_files WHERE id = $1", uuid.UUID(record["id"]))
    assert await store.get_bytes(key) == first.content
    doc, ns = etree.fromstring(first.content, safe_parser()), {"p": NS}
    assert doc.xpath("string(//p:GrpHdr/p:NbOfTxs)", namespaces=ns) == "2"
    assert doc.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=ns) == "1225.50"
    today = datetime.now(timezone.utc).date().isoformat()
    assert sorted(doc.xpath("//p:ReqdExctnDt/text()", namespaces=ns)) == sorted(["2030-01-15", today])
    listed = (await http.get(f"/dossiers/{DOSSIER}/payments?state=executed", headers=as_(issuer, ANNA))).json()
    assert sorted(p["id"] for p in listed["payments"]) == sorted(ids)
    again = await http.post(files, headers=as_(issuer, ANNA), json={
        "payment_ids": ids[:1], "debtor": {"name": "B", "iban": DEBTOR_IBAN}})
    assert again.status_code == 409  # executed payments do not go in a second file


async def test_an_epc_qr_payment_shows_its_code_and_goes_straight_to_executed(http, issuer, seeded):
    """PAY-4, PAY-9: approval off → to_execute at once; the txt payload, SVG and PNG; paid-by-qr → executed."""
    made = (await http.post(f"/dossiers/{DOSSIER}/payments", headers=as_(issuer, ANNA), json={
        "method": "epc_qr", "creditor": {"name": "Proximus NV", "iban": PROXIMUS_IBAN}, "amount": "12.00",
        "communication": {"kind": "structured", "text": "010806817183"}})).json()
    base = f"/dossiers/{DOSSIER}/payments/{made['id']}"
    assert (await http.get(base + "/epc-qr.svg", headers=as_(issuer, ANNA))).status_code == 409  # not approved
    assert (await http.post(base + "/request-approval", json={}, headers=as_(issuer, ANNA))).json()["state"] \
        == "to_execute"
    txt = (await http.get(base + "/epc-qr.txt", headers=as_(issuer, ANNA))).text
    assert txt == f"BCD\n002\n1\nSCT\nGKCCBEBB\nProximus NV\n{PROXIMUS_IBAN}\nEUR12.00\n\n\n+++010/8068/17183+++"
    svg = await http.get(base + "/epc-qr.svg", headers=as_(issuer, ANNA))
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    png = await http.get(base + "/epc-qr.png", headers=as_(issuer, ANNA))
    assert png.content.startswith(b"\x89PNG")
    assert (await http.post(base + "/paid-by-qr", headers=as_(issuer, ANNA))).json()["state"] == "executed"


async def test_the_accounting_softwares_open_items_mark_a_document_paid_and_sales_are_not_payable(http, issuer, pool):
    """PAY-7: ledger.synced with no open amount left for our proposal → paid_in_accounting; a sales invoice is
    never a payable document."""
    bought, sold = proposal_created(DOSSIER, uuid.uuid4()), proposal_created(DOSSIER, uuid.uuid4(), journal_type="sales")
    item = OpenItem(reference="ACH/42", kind="payable", amount="1210.00", amount_open="0.00",
                    external_id=str(bought.proposal_id))
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER, ANNA))
        await on_proposal_created(conn, bought)
        await on_proposal_created(conn, sold)
        at = bought.occurred_at
        run = SyncRun(run_id=uuid.uuid4(), reason="nightly", started_at=at, finished_at=at)
        await on_ledger_synced(conn, LedgerSynced(correlation_id="t", office_id=bought.office_id, dossier_id=DOSSIER,
                                                  accounting_software="tryton", sync=run,
                                                  master_data=MasterData(open_items=(item,))))
    status = f"/dossiers/{DOSSIER}/documents/{{}}/payment-status"
    got = (await http.get(status.format(bought.document_id), headers=as_(issuer, ANNA))).json()
    assert got["paid_in_accounting"] is True and got["payable"] is True and got["payment_in_progress"] is False
    assert (await http.get(status.format(sold.document_id), headers=as_(issuer, ANNA))).json()["payable"] is False


async def test_the_open_item_a_posting_created_is_followed_from_its_booking_outcome(http, issuer, pool):
    """PAY-7: the posting's own open item arrives with booking.recorded (records), not with a later sync; an item
    already settled at posting (paid on the spot) marks the document paid in accounting."""
    bought = proposal_created(DOSSIER, uuid.uuid4())
    settled = OpenItem(reference="ACH/43", kind="payable", amount="1210.00", amount_open="0.00",
                       external_id=str(bought.proposal_id))
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER, ANNA))
        await on_proposal_created(conn, bought)
        await on_booking_recorded(conn, BookingRecorded(
            correlation_id="t", office_id=bought.office_id, dossier_id=DOSSIER, action="posted",
            accounting_software="tryton", proposal_id=bought.proposal_id, document_id=bought.document_id,
            records=MasterData(open_items=(settled,))))
    got = (await http.get(f"/dossiers/{DOSSIER}/documents/{bought.document_id}/payment-status",
                          headers=as_(issuer, ANNA))).json()
    assert got["paid_in_accounting"] is True
