"""An approved payment recorded in Tryton (account_payment, issue 17 item 1): a payable payment on the supplier
invoice's line to pay, submitted and approved, in the journal 'Booking factory' (manual process). Tryton then
shows the invoice as being paid. Idempotent: a payment of the same line, amount and date is found, not made twice."""
from __future__ import annotations

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
