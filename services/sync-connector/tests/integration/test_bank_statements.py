"""Bank statements into the real Tryton (issue 17 items 2, 3; FEATURES REP-5, PAY-7): CODA and camt.053 files
generated for a dossier's invoices are imported with Tryton's own modules, their lines matched (structured
communication, RF reference, invoice number, IBAN + amount) and reconciled; a bank fee waits on the suspense
account for the office; a re-sent file, a redelivered event and a crash after Tryton posted import nothing twice;
the shared CODA samples are refused with the reason; an approved payment is recorded in Tryton once, taken back
out when cancelled, and succeeded when the bank line pays its invoice."""
from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from contracts.events.bank import BankStatementReceived
from contracts.events.payments import Communication, Creditor, PaymentApproved, PaymentCancelled
from runtime.bankfiles import BankLine, BankStatement, read_statement
from runtime.bankfiles.write import to_camt053, to_coda
from runtime.storage import ObjectStore
from runtime.testing import temp_pool
from sync_testkit import BANK_IBAN, SUPPLIER_VAT, purchase, sale, seed_dossier, settings, tryton_adapter
from integration.test_service import code  # noqa: F401 (a Tryton dossier from the template, dropped afterwards)

from sync_connector.adapters import statements_repo
from sync_connector.adapters.registry import Adapters
from sync_connector.adapters.tryton import provision
from sync_connector.adapters.tryton.statements import import_statement
from sync_connector.bootstrap import MIGRATIONS
from sync_connector.handlers.context import Deps
from sync_connector.handlers.payments import on_payment_approved, on_payment_cancelled
from sync_connector.handlers.statements import on_bank_statement_received

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[4].parent / "shared" / "standards" / "coda"
SUPPLIER_IBAN = "BE62510007547061"
OGM = "+++090/9337/55493+++"


@pytest.fixture
async def world(code):
    """Postgres (migrated), S3, Tryton: the dossier linked, its bank journal, a supplier with an IBAN."""
    s = settings()
    adapter = tryton_adapter(s)
    store = ObjectStore.from_settings(s)
    await store.ensure_bucket()
    async with temp_pool(s, MIGRATIONS) as pool:
        office, dossier = uuid.uuid4(), uuid.uuid4()
        await seed_dossier(pool, dossier, office, name="Test", code=code)
        rpc = await adapter.rpc(code)
        await provision.create_bank_journal(rpc, BANK_IBAN)
        deps = Deps(pool=pool, settings=s, adapters=Adapters(s, fixed={("tryton", "local"): adapter}), store=store)
        yield {"code": code, "deps": deps, "rpc": rpc, "office": office, "dossier": dossier, "adapter": adapter,
               "store": store}
    await adapter.close()


async def _supplier_iban(rpc) -> None:
    party = (await rpc.search_read("party.identifier", [("code", "=", SUPPLIER_VAT)], ["party"]))[0]["party"]
    await rpc.model("bank.account", "create", [{"owners": [["add", [party]]],
                                                "numbers": [["create", [{"type": "iban", "number": SUPPLIER_IBAN}]]]}])


async def _receive(w, data: bytes, name: str, file_id: uuid.UUID | None = None) -> BankStatementReceived:
    stored = await w["store"].put_bytes(data, "text/plain")
    event = BankStatementReceived(
        correlation_id="test", office_id=w["office"], dossier_id=w["dossier"],
        statement_file_id=file_id or uuid.uuid4(), format="coda" if name.endswith(".cod") else "camt053",
        source="portal", filename=name, size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key)
    async with w["deps"].pool.acquire() as conn, conn.transaction():
        await on_bank_statement_received(conn, event, w["deps"])
    return event


async def _invoices(rpc, ids) -> dict[int, dict]:
    return {r["id"]: r for r in await rpc.model("account.invoice", "read", ids,
                                                 ["state", "amount_to_pay", "payment_lines", "reconciled"])}


async def _post_purchases(w) -> list[int]:
    """Three supplier invoices of 121.00, 242.00 and 60.50 (net 100, 200, 50 + 21%)."""
    adapter = w["adapter"]
    orders = [dataclasses.replace(purchase("2026-03", net="100.00"), payment_reference=OGM, invoice_number="F-1"),
              dataclasses.replace(purchase("2026-03", net="200.00"), invoice_number="F-2026-901"),
              dataclasses.replace(purchase("2026-03", net="50.00"), invoice_number="F-3")]
    refs = [int((await adapter.post_booking(w["code"], o)).booking.reference.split(":")[-1])
            for o in orders]
    await _supplier_iban(w["rpc"])
    return refs


def _statement(*lines: BankLine, opening: str = "5000.00") -> BankStatement:
    total = sum((line.amount for line in lines), Decimal(0))
    return BankStatement("coda", BANK_IBAN, "EUR", "004", date(2026, 4, 10), Decimal(opening),
                         Decimal(opening) + total, lines)


def _line(n: int, amount: str, **kw) -> BankLine:
    return BankLine(f"{n:04d}", date(2026, 4, 9), Decimal(amount), **kw)


async def test_a_coda_statement_pays_and_reconciles_supplier_invoices_once(world):
    w = world
    a, b, c = await _post_purchases(w)
    data = to_coda(_statement(
        _line(1, "-121.00", structured="090933755493", counterparty_iban=SUPPLIER_IBAN, counterparty_name="Brouwerij"),
        _line(2, "-242.00", communication="invoice F-2026-901", counterparty_iban=SUPPLIER_IBAN),
        _line(3, "-60.50", communication="thanks", counterparty_iban=SUPPLIER_IBAN),
        _line(4, "-2.50", communication="BEHEERSKOSTEN")))
    event = await _receive(w, data, "april.cod")

    invoices = await _invoices(w["rpc"], [a, b, c])
    assert [invoices[i]["state"] for i in (a, b, c)] == ["paid", "paid", "paid"]
    assert all(invoices[i]["reconciled"] for i in (a, b, c))
    statements = await w["rpc"].search_read("account.statement", [], ["state", "name"])
    assert [s["state"] for s in statements] == ["posted"]
    row = await statements_repo.get(w["deps"].pool, event.statement_file_id)
    assert row["state"] == "imported" and row["closing_balance"] == Decimal("4574.00")
    lines = {line["sequence"]: line for line in await statements_repo.lines(w["deps"].pool, event.statement_file_id)}
    assert {k: (v["state"], v["rule"]) for k, v in lines.items()} == {
        "0001": ("matched", "structured_reference"), "0002": ("matched", "invoice_number"),
        "0003": ("matched", "iban_amount"), "0004": ("unmatched", None)}
    assert lines["0001"]["matched"][0]["reference"] == str(a)
    outbox = await w["deps"].pool.fetch("SELECT topic, payload FROM outbox")
    assert [r["topic"] for r in outbox] == ["bank_statement.imported"]

    # the fee waits on the suspense account for the office
    suspense = await w["rpc"].search_read("account.statement.line", [("account.code", "=", "499000")], ["amount"])
    assert [s["amount"] for s in suspense] == [Decimal("-2.50")]

    # redelivered event and re-sent file: nothing imported twice
    await _receive(w, data, "april.cod", file_id=event.statement_file_id)
    again = await _receive(w, data, "april-again.cod")
    assert (await statements_repo.get(w["deps"].pool, again.statement_file_id))["state"] == "duplicate"
    assert len(await w["rpc"].search_read("account.statement", [], ["id"])) == 1
    assert all(len(v["payment_lines"]) == 1 for v in (await _invoices(w["rpc"], [a, b, c])).values())


async def test_crash_after_tryton_posted_imports_nothing_twice(world):
    """The connector posted the statement in Tryton and died before recording it: the redelivery finds the
    posted statement, reads its lines back, and records the same outcome."""
    w = world
    a, _b, _c = await _post_purchases(w)
    data = to_coda(_statement(_line(1, "-121.00", structured="090933755493")))
    adapter = w["adapter"]
    await import_statement(w["rpc"], read_statement(data), data, "april.cod", adapter.suspense)  # then the crash
    event = await _receive(w, data, "april.cod")
    assert len(await w["rpc"].search_read("account.statement", [], ["id"])) == 1
    invoice = (await _invoices(w["rpc"], [a]))[a]
    assert invoice["state"] == "paid" and len(invoice["payment_lines"]) == 1
    line, = await statements_repo.lines(w["deps"].pool, event.statement_file_id)
    assert line["state"] == "matched" and line["matched"][0]["reference"] == str(a)


async def test_a_camt053_statement_pays_a_customer_invoice_by_its_rf_reference(world):
    w = world
    posted = await w["adapter"].post_booking(w["code"], sale("2026-04"))
    invoice_id = int(posted.booking.reference.split(":")[-1])
    reference = (await w["rpc"].model("account.invoice", "read", [invoice_id],
                                      ["customer_payment_reference"]))[0]["customer_payment_reference"]
    assert reference
    data = to_camt053(_statement(_line(1, "60.50", communication=f"Betaling {reference}",
                                       counterparty_iban="BE71096123456769", counterparty_name="Café De Hoek")))
    event = await _receive(w, data, "april.xml")
    assert (await _invoices(w["rpc"], [invoice_id]))[invoice_id]["state"] == "paid"
    line, = await statements_repo.lines(w["deps"].pool, event.statement_file_id)
    assert (line["state"], line["matched"][0]["kind"]) == ("matched", "receivable")


async def test_the_shared_samples_and_an_unknown_account_are_refused_with_the_reason(world):
    w = world
    unbalanced = await _receive(w, (SAMPLES / "coda.cod").read_bytes(), "coda.cod")
    row = await statements_repo.get(w["deps"].pool, unbalanced.statement_file_id)
    assert (row["state"], row["error_code"]) == ("refused", "unbalanced_statement") and "700.86" in row["error_reason"]
    malformed = await _receive(w, (SAMPLES / "invalid.cod").read_bytes(), "invalid.cod")
    row = await statements_repo.get(w["deps"].pool, malformed.statement_file_id)
    assert row["error_code"] == "malformed_statement"
    foreign = dataclasses.replace(_statement(_line(1, "10.00")), account="BE80001000000177")
    other = await _receive(w, to_coda(foreign), "other-account.cod")
    row = await statements_repo.get(w["deps"].pool, other.statement_file_id)
    assert row["state"] == "refused" and "BE80001000000177" in row["error_reason"]
    assert await w["rpc"].search_read("account.statement", [], ["id"]) == []


async def test_an_approved_payment_is_recorded_once_on_the_invoice_then_the_bank_line_pays_it(world):
    """Item 1: payment.approved -> a payment in Tryton on the supplier invoice's line to pay (approved), once
    per payment id; the statement line with its structured communication then pays the invoice."""
    w = world
    a, _b, _c = await _post_purchases(w)
    document = uuid.uuid4()
    await w["deps"].pool.execute("INSERT INTO postings (proposal_id, dossier_id, document_id, state, "
                                 "booking_reference) VALUES ($1, $2, $3, 'posted', $4)",
                                 uuid.uuid4(), w["dossier"], document, f"invoice:{a}")
    approved = PaymentApproved(
        correlation_id="test", office_id=w["office"], dossier_id=w["dossier"], payment_id=uuid.uuid4(),
        document_id=document, amount=Decimal("121.00"), creditor=Creditor(name="Brouwerij", iban=SUPPLIER_IBAN),
        communication=Communication(kind="structured", text=OGM), execution_date=date(2026, 4, 8),
        initiated_by=uuid.uuid4())
    for _ in range(2):  # a redelivery records nothing more
        async with w["deps"].pool.acquire() as conn, conn.transaction():
            await on_payment_approved(conn, approved, w["deps"])
    payments = await w["rpc"].search_read("account.payment", [], ["state", "amount", "reference", "kind"])
    assert payments == [{"id": payments[0]["id"], "state": "approved", "amount": Decimal("121.00"),
                         "reference": "090933755493", "kind": "payable"}]
    row = await w["deps"].pool.fetchrow("SELECT * FROM payment_records WHERE payment_id = $1", approved.payment_id)
    assert (row["state"], row["software_reference"]) == ("recorded", f"payment:{payments[0]['id']}")

    await _receive(w, to_coda(_statement(_line(1, "-121.00", structured="090933755493"))), "april.cod")
    assert (await _invoices(w["rpc"], [a]))[a]["state"] == "paid"
    # the bank line paid it: the payment succeeded in Tryton, and here (issue 17 item 1)
    assert [p["state"] for p in await w["rpc"].search_read("account.payment", [], ["state"])] == ["succeeded"]
    row = await w["deps"].pool.fetchrow("SELECT * FROM payment_records WHERE payment_id = $1", approved.payment_id)
    assert row["state"] == "succeeded"


def _payment_of(w, document, invoice_amount: str, **changes) -> tuple[PaymentApproved, PaymentCancelled]:
    approved = PaymentApproved(
        correlation_id="test", office_id=w["office"], dossier_id=w["dossier"], payment_id=uuid.uuid4(),
        document_id=document, amount=Decimal(invoice_amount), creditor=Creditor(name="Brouwerij", iban=SUPPLIER_IBAN),
        communication=Communication(kind="none"), execution_date=date(2026, 4, 8), initiated_by=uuid.uuid4())
    cancelled = PaymentCancelled(correlation_id="test", office_id=w["office"], dossier_id=w["dossier"],
                                 payment_id=approved.payment_id, document_id=document, amount=approved.amount,
                                 was_approved=True, **changes)
    return approved, cancelled


async def test_a_cancelled_payment_is_taken_back_out_of_tryton_once(world):
    """Issue 17 item 1: payment.cancelled after payment.approved deletes the payment recorded in Tryton (the
    invoice is no longer being paid there), once; a cancellation that arrives before its approval leaves the
    approval nothing to record."""
    w = world
    a, b, _c = await _post_purchases(w)
    first, second = uuid.uuid4(), uuid.uuid4()
    for document, invoice in ((first, a), (second, b)):
        await w["deps"].pool.execute("INSERT INTO postings (proposal_id, dossier_id, document_id, state, "
                                     "booking_reference) VALUES ($1, $2, $3, 'posted', $4)",
                                     uuid.uuid4(), w["dossier"], document, f"invoice:{invoice}")
    approved, cancelled = _payment_of(w, first, "121.00")
    early_approved, early_cancelled = _payment_of(w, second, "242.00")
    async with w["deps"].pool.acquire() as conn, conn.transaction():
        await on_payment_approved(conn, approved, w["deps"])
    assert len(await w["rpc"].search_read("account.payment", [], ["id"])) == 1
    for event in (cancelled, cancelled, early_cancelled, early_approved):  # a redelivery; one out of order
        async with w["deps"].pool.acquire() as conn, conn.transaction():
            handler = on_payment_cancelled if isinstance(event, PaymentCancelled) else on_payment_approved
            await handler(conn, event, w["deps"])
    assert await w["rpc"].search_read("account.payment", [], ["id"]) == []
    states = dict(await w["deps"].pool.fetch("SELECT payment_id, state FROM payment_records"))
    assert states == {approved.payment_id: "cancelled", early_approved.payment_id: "cancelled"}
