"""The whole bank loop through the running stack (issue 17 item 3; FEATURES PAY-2, PAY-3, PAY-6, PAY-7, PAY-9,
REP-5, REP-6): a purchase invoice is booked in the demo dossier Dupont; a client administrator pays it — the payment
made and approved (approval off, or a rule of hers: PAY-9), the SEPA pain.001 file made from the dossier's account
named by its IBAN alone and downloaded (valid against the pain.001.001.03 XSD of ../shared/standards), the payment
executed; the bank's CODA statement with that transfer is imported and matched; the invoice is paid in Tryton, the
"payment in progress" mark (PAY-7) is cleared, the dossier's account is now its default to pay from (PAY-3), and the
dashboard's payables are lower by the invoice."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from e2e_stack import Failed, Platform, eventually
from lxml import etree
from runtime.bankfiles import BankLine, BankStatement
from runtime.bankfiles.write import to_coda
from runtime.config import Settings
from test_bank_loop import SUPPLIER_IBAN, assert_paid_once, dossier_iban, imported, upload_statement
from test_booking_flow import (  # noqa: F401 (platform, tryton: the fixtures of the booking flow)
    DOSSIER, KNOWN_SUPPLIER, TRYTON_CODE, platform, review, send_and_wait_booked, tryton, upload_and_propose,
)
from e2e_documents import peppol_ubl

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ADMIN = ("admin@demo.bookingfactory.example", "demo-admin-2025")
DANA = ("administrator@demo.bookingfactory.example", "demo-client-admin")  # client administrator (demo)
XSD = Path(__file__).resolve().parents[3] / "shared/standards/sepa/xsd-python-sepaxml/pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


async def _as(email: str, password: str) -> Platform:
    user = Platform()
    settings = Settings(service="e2e")
    user.url.update(payments=settings.service_url("payments"), reporting=settings.service_url("reporting"))
    await user.login(email, password)
    return user


async def _dana_on_dupont(dossier: str) -> dict:
    """Dana (client administrator of the demo) on Dupont too: the demo gives Dupont no client user to pay."""
    admin = await _as(*ADMIN)
    try:
        users = (await admin.call("GET", "office", f"/dossiers/{dossier}/users"))["items"]
        found = next((u for u in users if u["email"] == DANA[0]), None)
        if found is None:
            found = await admin.call("POST", "office", f"/dossiers/{dossier}/users", expect=201,
                                     json={"email": DANA[0], "profile": "ADMINISTRATOR"})
        elif not found.get("active", True):
            await admin.call("POST", "office", f"/dossiers/{dossier}/users/{found['id']}/enable")
        return found
    finally:
        await admin.close()


async def _booked(platform: Platform, dossier: str, run: str):
    doc = peppol_ubl(run, *KNOWN_SUPPLIER)
    (_, document, proposal), = await upload_and_propose(platform, dossier, [doc])
    await review(platform, dossier, proposal, doc)
    await send_and_wait_booked(platform, dossier, [proposal], timeout=180)
    return doc, document["id"]


async def _payables(reader: Platform, dossier: str) -> Decimal:
    return Decimal((await reader.call("GET", "reporting", f"/dossiers/{dossier}/dashboard"))["balances"]["payables"])


async def _approved(dana: Platform, dossier: str, body: dict) -> dict:
    """Made and approved by Dana: straight to execute with approval off; else under a rule of hers (PAY-9)."""
    base = f"/dossiers/{dossier}"
    payment = await dana.call("POST", "payments", f"{base}/payments", expect=201, json=body)
    rules = await dana.call("GET", "payments", f"{base}/approval-rules")
    rule_id = None
    if rules["approval_required"]:
        me = (await dana.call("GET", "office", "/me"))["user"]["id"]
        mine = [r for r in rules["rules"] if r["user_ids"] == [me] and r["max_amount"] is None]
        rule_id = mine[0]["id"] if mine else (await dana.call("POST", "payments", f"{base}/approval-rules", expect=201,
                                                              json={"name": "Dana", "user_ids": [me]}))["id"]
    done = await dana.call("POST", "payments", f"{base}/payments/{payment['id']}/request-approval",
                           json={"rule_id": rule_id})
    assert done["state"] == "to_execute", done
    return done


@pytest.mark.timeout(900)  # recognition, booking, the file, the statement's import: minutes on a busy 2-core stack
async def test_a_booked_invoice_paid_by_sepa_file_is_paid_in_tryton_by_the_banks_coda(platform, tryton):
    dossier = await platform.dossier(DOSSIER)
    await _dana_on_dupont(dossier)
    dana = await _as(*DANA)
    reader = await _as("collaborator@demo.bookingfactory.example", "demo-collab-2025")
    try:
        await _loop(platform, tryton, dana, reader, dossier)
    finally:
        await dana.close()
        await reader.close()
        await _dana_off_dupont(dossier)


async def _dana_off_dupont(dossier: str) -> None:
    """Dupont as the demo has it again: no client user (Dana disabled there, her other dossiers untouched)."""
    admin = await _as(*ADMIN)
    try:
        users = (await admin.call("GET", "office", f"/dossiers/{dossier}/users"))["items"]
        for user in users:
            if user["email"] == DANA[0] and user.get("active", True):
                await admin.call("POST", "office", f"/dossiers/{dossier}/users/{user['id']}/disable")
    finally:
        await admin.close()


async def _loop(platform: Platform, tryton, dana: Platform, reader: Platform, dossier: str) -> None:
    run = uuid.uuid4().hex[:6].upper().replace("1", "7").replace("0", "8")
    untouched = await _payables(reader, dossier)
    doc, document_id = await _booked(platform, dossier, f"P{run}")
    base = f"/dossiers/{dossier}"

    async def owed():  # the posting's open item reaches reporting: payables (-Σ open) lower by the invoice
        now = await _payables(reader, dossier)
        return now if now == untouched - doc.gross else None
    before = await eventually(owed, 60, f"the booked invoice among the dashboard's payables ({untouched})")

    async def payable():  # payments follows proposal.validated and Dana's profile (dossier.changed) asynchronously
        try:
            items = (await dana.call("GET", "payments", f"{base}/payable-documents"))["items"]
        except Failed:
            return None
        return next((i for i in items if i["document_id"] == document_id), None)
    await eventually(payable, 120, "the booked invoice listed to pay")

    account = await dossier_iban(tryton)
    communication = f"Factuur {doc.invoice_number}"
    payment = await _approved(dana, dossier, {
        "document_id": document_id, "creditor": {"name": KNOWN_SUPPLIER[0], "iban": SUPPLIER_IBAN},
        "amount": str(doc.gross), "communication": {"kind": "free", "text": communication}})
    status = await dana.call("GET", "payments", f"{base}/documents/{document_id}/payment-status")
    assert status["payment_in_progress"] and not status["paid_in_accounting"], status  # PAY-7: the red mark

    record = await dana.call("POST", "payments", f"{base}/sepa-files", expect=201,
                             json={"payment_ids": [payment["id"]], "debtor": {"iban": account}})
    assert (record["debtor_iban"], record["debtor_name"], record["count"]) == (account, "Brasserie Dupont SRL", 1)
    answer = await dana.http.get(f"{dana.url['payments']}{base}/sepa-files/{record['id']}/xml",
                                 headers={"Authorization": f"Bearer {dana.token}"})
    assert answer.status_code == 200, answer.text
    xml = etree.fromstring(answer.content, etree.XMLParser(resolve_entities=False, no_network=True))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(xml), schema.error_log
    assert xml.xpath("string(//p:DbtrAcct/p:Id/p:IBAN)", namespaces=NS) == account
    assert xml.xpath("string(//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN)", namespaces=NS) == SUPPLIER_IBAN
    assert Decimal(xml.xpath("string(//p:CdtTrfTxInf/p:Amt/p:InstdAmt)", namespaces=NS)) == doc.gross
    assert (await dana.call("GET", "payments", f"{base}/payments/{payment['id']}"))["state"] == "executed"

    # the bank executes the file: its statement of the dossier's account shows the transfer as the file asked it
    line = BankLine("0001", date.today(), -doc.gross, communication=communication,
                    counterparty_name=KNOWN_SUPPLIER[0], counterparty_iban=SUPPLIER_IBAN)
    opening = Decimal(30000) + Decimal(int(run, 16) % 997)
    coda = to_coda(BankStatement("coda", account, "EUR", f"{int(run, 16) % 1000:03d}", date.today(), opening,
                                 opening - doc.gross, (line,)))
    statement = await imported(platform, dossier, await upload_statement(platform, dossier, f"coda-{run}.cod", coda))
    matched, = statement["lines"]
    assert matched["state"] == "matched" and Decimal(matched["matched"][0]["amount"]) == doc.gross, matched
    await assert_paid_once(tryton, doc)

    async def cleared():
        got = await dana.call("GET", "payments", f"{base}/documents/{document_id}/payment-status")
        return got if got["paid_in_accounting"] and not got["payment_in_progress"] else None
    await eventually(cleared, 60, "the PAY-7 mark cleared once the bank paid the invoice")
    accounts = await dana.call("GET", "payments", f"{base}/debtor-accounts")
    assert accounts["default"] == account, accounts  # PAY-3: the account last paid from is the default now

    async def lower():
        now = await _payables(reader, dossier)
        return now if now == before + doc.gross else None  # back where they were before the invoice
    await eventually(lower, 60, f"the dashboard's payables {before} lower by {doc.gross}")

    async def shown_paid():  # REP-4: the client's History says paid, the PAY-7 mark gone
        listed = await reader.call("GET", "reporting", f"{base}/history?side=suppliers&status=all&page_size=200")
        mine = [r for r in listed["invoices"] if r["invoice_number"] == doc.invoice_number]
        return mine if mine and mine[0]["paid"] and not mine[0]["payment_in_progress"] else None
    await eventually(shown_paid, 60, f"History shows {doc.invoice_number} paid, no payment in progress")
