"""An approved payment recorded in Tryton (account_payment, issue 17 item 1): a payable payment on the supplier
invoice's line to pay, submitted and approved, in the journal 'Booking factory' (manual process). Tryton then
shows the invoice as being paid. Idempotent: a payment of the same line, amount and date is found, not made twice."""
from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from stdnum.be import ogm_vcs

from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.errors import SoftwareRejected

JOURNAL = "Booking factory"
PAYMENT = "account.payment"


async def _journal(rpc: TrytonRpc) -> int:
    found = await rpc.search_read("account.payment.journal", [("name", "=", JOURNAL)], ["id"])
    if found:
        return found[0]["id"]
    currency = (await rpc.search_read("company.company", [("id", "=", rpc.context["company"])],
                                      ["currency"]))[0]["currency"]
    journal, = await rpc.model("account.payment.journal", "create", [{
        "name": JOURNAL, "process_method": "manual", "currency": currency, "company": rpc.context["company"]}])
    return journal


async def line_to_pay(rpc: TrytonRpc, invoice_id: int) -> dict:
    invoice = (await rpc.model("account.invoice", "read", [invoice_id], ["lines_to_pay", "party", "state"]))[0]
    lines = await rpc.model("account.move.line", "read", invoice["lines_to_pay"], ["id", "reconciliation"])
    open_ = [line for line in lines if not line["reconciliation"]]
    if not open_:
        raise SoftwareRejected(f"invoice {invoice_id} has nothing left to pay ({invoice['state']})", kind="AlreadyPaid")
    return {"line": open_[0]["id"], "party": invoice["party"]}


async def record_payment(rpc: TrytonRpc, invoice_id: int, amount: Decimal, on: date,
                         communication: str | None) -> int:
    """The Tryton payment of `amount` on the invoice, created, submitted and approved once."""
    target = await line_to_pay(rpc, invoice_id)
    found = await rpc.search_read(PAYMENT, [("line", "=", target["line"]), ("amount", "=", amount),
                                            ("date", "=", on), ("state", "!=", "failed")], ["id", "state"])
    if found:
        return found[0]["id"]
    values = {"company": rpc.context["company"], "journal": await _journal(rpc), "kind": "payable",
              "party": target["party"], "line": target["line"], "amount": amount, "date": on}
    if communication and ogm_vcs.is_valid(communication):
        values.update(reference=ogm_vcs.compact(communication), reference_type="ogm_vcs")
    elif communication:
        values["reference"] = communication[:140]
    payment, = await rpc.model(PAYMENT, "create", [values])
    await rpc.model(PAYMENT, "submit", [payment], accept_warnings=True)
    await rpc.model(PAYMENT, "approve", [payment], accept_warnings=True)
    return payment


async def cancel_payment(rpc: TrytonRpc, payment_id: int) -> str:
    """A payment cancelled before it went to the bank: back to draft and deleted, so Tryton no longer shows the
    invoice as being paid. One the bank already paid (succeeded) stays. Returns what became of it."""
    found = await rpc.search_read(PAYMENT, [("id", "=", payment_id)], ["state"])
    if not found:
        return "deleted"  # a retry after the deletion
    state = found[0]["state"]
    if state == "succeeded":
        return "succeeded"
    if state == "processing":
        await rpc.model(PAYMENT, "fail", [payment_id])
        return "failed"
    if state in ("submitted", "approved"):
        await rpc.model(PAYMENT, "draft", [payment_id])
    if state != "failed":
        await rpc.model(PAYMENT, "delete", [payment_id])
        return "deleted"
    return state


def _warning_key(name: str, payment_id: int) -> str:
    """The name Tryton gives a warning about one payment (res.user.warning.format)."""
    return f"{hashlib.md5(f'{PAYMENT},{payment_id}'.encode()).hexdigest()}.{name}"


async def _process(rpc: TrytonRpc, payment_id: int) -> None:
    """Tryton's 'Process payments' wizard on one approved payment (approved -> processing). The bank already paid
    it, so the two warnings a user would acknowledge (its line is reconciled, nothing left to pay) are."""
    await rpc.model("res.user.warning", "create", [{"user": rpc.uid, "name": _warning_key(name, payment_id),
                                                     "always": False} for name in ("overpay", "submit_reconciled")])
    session = (await rpc.call("wizard.account.payment.process.create"))[0]
    try:
        await rpc.call("wizard.account.payment.process.execute", session, {}, "process",
                       context={"active_model": PAYMENT, "active_id": payment_id, "active_ids": [payment_id]})
    finally:
        await rpc.call("wizard.account.payment.process.delete", session)


async def succeed_payments(rpc: TrytonRpc, invoice_ids: list[int]) -> list[int]:
    """The bank line paid these invoices: their payments still under way in Tryton (approved, processing) are
    moved to succeeded, through processing as Tryton's workflow asks. Idempotent."""
    if not invoice_ids:
        return []
    invoices = await rpc.model("account.invoice", "read", invoice_ids, ["lines_to_pay"])
    lines = sorted({line for invoice in invoices for line in invoice["lines_to_pay"]})
    found = await rpc.search_read(PAYMENT, [("line", "in", lines), ("kind", "=", "payable"),
                                            ("state", "in", ["approved", "processing"])], ["id", "state"])
    for payment in found:
        if payment["state"] == "approved":
            await _process(rpc, payment["id"])
    ids = [p["id"] for p in found]
    if ids:
        await rpc.model(PAYMENT, "succeed", ids)
    return ids
