"""The bank loop through the running stack (issue 17; FEATURES REP-5, PAY-7): a purchase invoice is booked in
the demo dossier Dupont, the bank's CODA statement with its payment is uploaded into the 'bank' mailbox, and
the invoice is paid (reconciled) in Tryton with the statement line matched; the same with the sync-connector
killed right after the upload ends in the same state, with one statement and one payment in Tryton; a line the
rules cannot match (one transfer for two invoices from an unknown account, no reference) is matched by hand by
the office and both invoices are paid once in Tryton."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date
from decimal import Decimal

import pytest
from e2e_documents import peppol_ubl
from e2e_stack import Failed, Platform, Tryton, eventually, kill_connector, start_connector
from runtime.bankfiles import BankLine, BankStatement
from runtime.bankfiles.write import to_coda
from test_booking_flow import (  # noqa: F401 (platform, tryton: the fixtures of the booking flow)
    DOSSIER, KNOWN_SUPPLIER, TRYTON_CODE, platform, review, send_and_wait_booked, tryton, upload_and_propose,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SUPPLIER_IBAN = "BE62510007547061"


async def book_one(platform: Platform, dossier: str, run: str):
    doc = peppol_ubl(run, *KNOWN_SUPPLIER)
    (_, _, proposal), = await upload_and_propose(platform, dossier, [doc])
    await review(platform, dossier, proposal, doc)
    await send_and_wait_booked(platform, dossier, [proposal], timeout=180)
    return doc


async def dossier_iban(tryton: Tryton) -> str:
    """The IBAN of the dossier's bank journal in Tryton (the account its statements are of)."""
    rpc = await tryton.adapter.rpc(TRYTON_CODE)
    journal = (await rpc.search_read("account.statement.journal", [("bank_account", "!=", None)],
                                     ["bank_account"]))[0]
    return (await rpc.search_read("bank.account.number", [("account", "=", journal["bank_account"]),
                                                          ("type", "=", "iban")], ["number_compact"]))[0][
        "number_compact"]


async def coda_paying(tryton: Tryton, doc, number: int) -> bytes:
    """The bank's statement of the dossier's account with one line paying the invoice (its number in the text)."""
    rpc = await tryton.adapter.rpc(TRYTON_CODE)
    iban = {"number_compact": await dossier_iban(tryton)}
    invoice, = await tryton.invoices(TRYTON_CODE, doc.invoice_number)
    accounts = await rpc.search_read("bank.account", [("owners", "=", invoice["party"])], ["id"])
    numbers = await rpc.search_read("bank.account.number", [("account", "in", [a["id"] for a in accounts]),
                                                            ("type", "=", "iban")], ["number_compact"])
    line = BankLine("0001", date.today(), -doc.gross, communication=f"Factuur {doc.invoice_number}",
                    counterparty_name=KNOWN_SUPPLIER[0],
                    counterparty_iban=numbers[0]["number_compact"] if numbers else SUPPLIER_IBAN)
    opening = Decimal(10000 + number)  # a statement of its own (Tryton finds a statement by account, date, balances)
    return to_coda(BankStatement("coda", iban["number_compact"], "EUR", f"{number % 1000:03d}", date.today(),
                                 opening, opening - doc.gross, (line,)))


async def upload_statement(platform: Platform, dossier: str, name: str, data: bytes) -> str:
    body = await platform.call("POST", "ingest", f"/dossiers/{dossier}/mailboxes/bank/documents", expect=201,
                               files=[("files", (name, data))])
    assert body["documents"] == [] and len(body["statements"]) == 1, body
    return body["statements"][0]["statement_file_id"]


async def imported(platform: Platform, dossier: str, file_id: str, timeout: float = 120) -> dict:
    async def probe():
        try:
            found = await platform.call("GET", "sync-connector", f"/dossiers/{dossier}/bank-statements/{file_id}")
        except Failed:
            return None
        if found["state"] == "refused":
            raise Failed(f"statement refused: {found['error_code']} {found['error_reason']}")
        return found if found["state"] == "imported" else None
    return await eventually(probe, timeout, "the statement imported into Tryton", every=1)


async def assert_paid_once(tryton: Tryton, doc) -> None:
    invoice, = await tryton.invoices(TRYTON_CODE, doc.invoice_number)
    rpc = await tryton.adapter.rpc(TRYTON_CODE)
    payment = (await rpc.model("account.invoice", "read", [invoice["id"]], ["payment_lines", "reconciled"]))[0]
    assert invoice["state"] == "paid" and payment["reconciled"], invoice
    assert len(payment["payment_lines"]) == 1, f"paid {len(payment['payment_lines'])} times"


async def test_a_booked_invoice_is_paid_in_tryton_by_the_uploaded_coda(platform, tryton):
    dossier = await platform.dossier(DOSSIER)
    run = uuid.uuid4().hex[:6].upper()
    doc = await book_one(platform, dossier, f"B{run}")
    file_id = await upload_statement(platform, dossier, f"coda-{run}.cod", await coda_paying(tryton, doc, 1))
    statement = await imported(platform, dossier, file_id)
    line, = statement["lines"]
    assert line["state"] == "matched" and line["rule"] == "invoice_number", line
    assert Decimal(line["matched"][0]["amount"]) == doc.gross
    await assert_paid_once(tryton, doc)
    listed = await platform.call("GET", "sync-connector", f"/dossiers/{dossier}/bank-statements")
    assert any(s["statement_file_id"] == file_id and s["matched"] == 1 for s in listed["statements"])


async def test_the_connector_killed_after_the_upload_reconciles_nothing_twice(platform, tryton):
    dossier = await platform.dossier(DOSSIER)
    run = uuid.uuid4().hex[:6].upper()
    doc = await book_one(platform, dossier, f"K{run}")
    data = await coda_paying(tryton, doc, 2)
    killed = []
    try:
        file_id = await upload_statement(platform, dossier, f"coda-{run}.cod", data)
        await asyncio.sleep(0.5)  # the relay publishes; the connector starts on it
        killed.append(kill_connector())
        await asyncio.sleep(2)
        start_connector()
    finally:
        start_connector()  # never leave the stack without its connector
    assert killed
    await imported(platform, dossier, file_id, timeout=180)
    await assert_paid_once(tryton, doc)
    again = await platform.call("POST", "ingest", f"/dossiers/{dossier}/mailboxes/bank/documents", expect=201,
                                files=[("files", (f"coda-{run}-again.cod", data))])
    resent = again["statements"][0]["statement_file_id"]

    async def duplicate():
        found = await platform.call("GET", "sync-connector", f"/dossiers/{dossier}/bank-statements/{resent}",
                                    expect=(200, 404))
        return found if found and found.get("state") == "duplicate" else None
    await eventually(duplicate, 60, "the re-sent file recorded as a duplicate")
    await assert_paid_once(tryton, doc)


async def test_a_line_the_rules_leave_is_matched_by_hand_and_pays_both_invoices_once(platform, tryton):
    """Issue 17 item 3: one transfer for two booked invoices, from an account Tryton does not know and with no
    reference, is left to the office; the office picks both (offered among the open invoices), the match is
    reconciled in Tryton, the line shows matched by hand, and the same match sent again changes nothing."""
    dossier = await platform.dossier(DOSSIER)
    run = uuid.uuid4().hex[:6].upper()
    docs = [peppol_ubl(f"M{run}{n}", *KNOWN_SUPPLIER) for n in (1, 2)]
    proposals = []
    for doc, _, proposal in await upload_and_propose(platform, dossier, docs):
        await review(platform, dossier, proposal, doc)
        proposals.append(proposal)
    await send_and_wait_booked(platform, dossier, proposals, timeout=240)
    total = docs[0].gross + docs[1].gross
    opening = Decimal(20000) + Decimal(int(run, 16) % 997)
    line = BankLine("0001", date.today(), -total, communication="Betaling leverancier",
                    counterparty_name="Onbekend", counterparty_iban="BE71096123456769")
    data = to_coda(BankStatement("coda", await dossier_iban(tryton), "EUR", "777", date.today(), opening,
                                 opening - total, (line,)))
    file_id = await upload_statement(platform, dossier, f"coda-{run}-manual.cod", data)
    statement = await imported(platform, dossier, file_id)
    assert statement["lines"][0]["state"] == "unmatched", statement["lines"][0]

    base = f"/dossiers/{dossier}/bank-statements/{file_id}/lines/0001"
    offered = await platform.call("GET", "sync-connector", f"{base}/candidates")
    invoices = [(await tryton.invoices(TRYTON_CODE, d.invoice_number))[0] for d in docs]
    references = [str(i["id"]) for i in invoices]
    assert set(references) <= {c["reference"] for c in offered["candidates"]}
    matched = await platform.call("POST", "sync-connector", f"{base}/match", json={"references": references})
    assert (matched["state"], matched["rule"]) == ("matched", "manual")
    assert sorted(Decimal(m["amount"]) for m in matched["matched"]) == sorted(d.gross for d in docs)
    again = await platform.call("POST", "sync-connector", f"{base}/match", json={"references": references[::-1]})
    assert again == matched
    for doc in docs:
        await assert_paid_once(tryton, doc)
