"""A bank statement line matched by hand in Tryton (issue 17 item 3): the line the rules left waits on the suspense
account since the statement was posted; matching it moves the amount from the suspense account to the invoices'
payable or receivable lines in one posted move of the statement's journal, adds those lines to each invoice's
payments (a part payment lowers what is left to pay) and reconciles every invoice it pays in full — Tryton then
shows the invoice paid, as when the statement's own line paid it.

Idempotent: the move carries ``bf_external_id`` ``bank-match:<statement>:<line>`` and is found, not made again;
each later step checks what is done already, so a retry after a crash finishes the work without doing it twice."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sync_connector.adapters.tryton import posting
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.errors import SoftwareRejected

INVOICE, LINE, MOVE = "account.invoice", "account.move.line", "account.move"


def external_id(statement_reference: str, sequence: str) -> str:
    """The id of the move that matches one statement line by hand."""
    return f"bank-match:{statement_reference}:{sequence}"


async def _move_lines(rpc: TrytonRpc, statement_reference: str, sequence: str, on: date, line_amount: Decimal,
                      paid: list[tuple[int, Decimal]], suspense: str) -> dict:
    statement = (await rpc.model("account.statement", "read", [int(statement_reference)], ["journal", "name"]))[0]
    journal = (await rpc.model("account.statement.journal", "read", [statement["journal"]], ["journal"]))[0]
    period = await rpc.search_read("account.period", [("type", "=", "standard"), ("start_date", "<=", on),
                                                      ("end_date", ">=", on)], ["id"])
    suspense_id = (await rpc.search_read("account.account", [("code", "=", suspense)], ["id"]))[0]["id"]
    invoices = {r["id"]: r for r in await rpc.model(INVOICE, "read", [i for i, _ in paid], ["account", "party"])}
    out = line_amount < 0  # money out pays payables: their lines are debited, the suspense account credited
    total = sum((amount for _, amount in paid), Decimal(0))
    lines = [{"account": invoices[i]["account"], "party": invoices[i]["party"],
              "debit": amount if out else Decimal(0), "credit": Decimal(0) if out else amount} for i, amount in paid]
    lines.append({"account": suspense_id, "debit": Decimal(0) if out else total, "credit": total if out else Decimal(0)})
    return {"journal": journal["journal"], "period": period[0]["id"] if period else None, "date": on,
            "description": f"{statement['name']} {sequence}: matched by hand"[:250],
            "bf_external_id": external_id(statement_reference, sequence), "lines": [["create", lines]]}


async def matched_before(rpc: TrytonRpc, statement_reference: str, sequence: str) -> list[tuple[int, Decimal]] | None:
    """The invoices (id, amount) the line was matched to in Tryton already — a request that crashed after Tryton
    took it — or None when it was not."""
    found = await rpc.search_read(MOVE, [("bf_external_id", "=", external_id(statement_reference, sequence))], ["id"])
    if not found:
        return None
    lines = {l["id"]: l for l in await rpc.search_read(LINE, [("move", "=", found[0]["id"]), ("party", "!=", None)],
                                                        ["id", "debit", "credit"])}
    invoices = await rpc.search_read(INVOICE, [("payment_lines", "in", sorted(lines))], ["id", "payment_lines"])
    return [(i["id"], lines[l]["debit"] + lines[l]["credit"]) for i in invoices for l in i["payment_lines"]
            if l in lines]


async def match_line(rpc: TrytonRpc, statement_reference: str, sequence: str, on: date, line_amount: Decimal,
                     paid: list[tuple[int, Decimal]], suspense: str) -> int:
    """Move the line's amount from the suspense account to the invoices (id, amount) it pays; the move's id."""
    found = await rpc.search_read(MOVE, [("bf_external_id", "=", external_id(statement_reference, sequence))],
                                  ["id", "state"])
    if found:
        move_id, state = found[0]["id"], found[0]["state"]
    else:
        values = await _move_lines(rpc, statement_reference, sequence, on, line_amount, paid, suspense)
        move_id, state = (await rpc.model(MOVE, "create", [values], context=posting.EN))[0], "draft"
    if state == "draft":
        await rpc.model(MOVE, "post", [move_id], context=posting.EN, accept_warnings=True)
    await _pay_invoices(rpc, move_id, paid)
    return move_id


async def _pay_invoices(rpc: TrytonRpc, move_id: int, paid: list[tuple[int, Decimal]]) -> None:
    """The move's party lines become the invoices' payments; an invoice paid in full is reconciled (then paid)."""
    lines = await rpc.search_read(LINE, [("move", "=", move_id), ("party", "!=", None)],
                                  ["id", "account", "party", "debit", "credit"], order=[("id", "ASC")])
    invoice_ids = [i for i, _ in paid]
    invoices = {r["id"]: r for r in await rpc.model(INVOICE, "read", invoice_ids,
                                                    ["account", "party", "payment_lines", "state"])}
    used: set[int] = set()
    for invoice_id, amount in paid:
        invoice = invoices[invoice_id]
        mine = next((l for l in lines if l["id"] not in used and l["account"] == invoice["account"]
                     and l["party"] == invoice["party"] and l["debit"] + l["credit"] == amount), None)
        if mine is None:
            raise SoftwareRejected(f"the bank line was matched to other invoices than {invoice_id} in the accounting "
                                   "software", kind="MatchedOtherwise")
        used.add(mine["id"])
        if mine["id"] not in invoice["payment_lines"] and invoice["state"] != "paid":
            await rpc.model(INVOICE, "write", [invoice["id"]], {"payment_lines": [["add", [mine["id"]]]]},
                            context=posting.EN)
    for invoice in await rpc.model(INVOICE, "read", invoice_ids, ["amount_to_pay", "lines_to_pay", "payment_lines",
                                                                   "state"], context={"with_payment": False}):
        if invoice["state"] == "paid" or invoice["amount_to_pay"] != 0:
            continue
        open_ = [l["id"] for l in await rpc.model(LINE, "read", invoice["lines_to_pay"] + invoice["payment_lines"],
                                                   ["reconciliation"]) if not l["reconciliation"]]
        if open_:
            await _reconcile(rpc, open_)


async def _reconcile(rpc: TrytonRpc, line_ids: list[int]) -> None:
    """Tryton's 'Reconcile lines' wizard on balanced lines (it reconciles at once, no write-off)."""
    context = {"active_model": LINE, "active_ids": line_ids, "active_id": line_ids[0]}
    session = (await rpc.call("wizard.account.move.reconcile_lines.create"))[0]
    try:
        await rpc.call("wizard.account.move.reconcile_lines.execute", session, {}, "start", context=context)
    finally:
        await rpc.call("wizard.account.move.reconcile_lines.delete", session)
