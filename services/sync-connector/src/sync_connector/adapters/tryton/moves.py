"""A proposal without lines (WL-8) as a plain Tryton move: the total on the suspense account against
the party's payable/receivable. Tryton's invoice lines only take expense or revenue accounts, and the
suspense account (499000) is a balance-sheet account, so it cannot be an invoice line."""
from __future__ import annotations

from decimal import Decimal

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.ledger import Booking, PostedLine

from sync_connector.adapters.tryton import posting
from sync_connector.adapters.tryton.records import JOURNAL_TYPES, move_ref
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.ports import BookingOrder

MOVE_FIELDS = ["number", "date", "state", "description", "journal.code", "journal.type", "journal.name",
               "period.name", "period.start_date", "period.end_date", "lines", "bf_external_id"]


async def find(rpc: TrytonRpc, external_id: str) -> tuple[int, str] | None:
    rows = await rpc.search_read("account.move", [("bf_external_id", "=", external_id)], ["state"])
    return (rows[0]["id"], rows[0]["state"]) if rows else None


async def create(rpc: TrytonRpc, order: BookingOrder, found: posting.Lookups, party_id: int, suspense: str) -> int:
    """The suspense move (posted when the order is final)."""
    field = "account_payable" if order.direction == "purchase" else "account_receivable"
    party = (await rpc.model("party.party", "read", [party_id], [field]))[0]
    counter = party[field] or await posting.default_account(rpc, field)
    amount = abs(order.total)
    # purchase invoice: debit suspense, credit payable; a credit note or a sale the other way round
    debit_suspense = (order.direction == "purchase") != (order.kind == "credit_note")
    suspense_line = {"account": found.accounts[suspense]["id"], "debit": amount if debit_suspense else Decimal(0),
                     "credit": Decimal(0) if debit_suspense else amount,
                     "description": "booked without detail (suspense)"}
    counter_line = {"account": counter, "party": party_id, "debit": suspense_line["credit"],
                    "credit": suspense_line["debit"], "maturity_date": order.due_date or order.booking_date,
                    "description": order.invoice_number}
    period = next(p for p in found.periods if p["start_date"] <= order.booking_date <= p["end_date"])
    move_id, = await rpc.model("account.move", "create", [{
        "journal": posting.journal_id(order, found.journals), "date": order.booking_date, "period": period["id"],
        "description": " ".join(x for x in (order.document_number, order.comment) if x) or None,
        "bf_external_id": order.external_id, "lines": [["create", [suspense_line, counter_line]]]}],
        context=posting.EN)
    if order.final:
        try:
            await rpc.model("account.move", "post", [move_id], context=posting.EN, accept_warnings=True)
        except Exception:
            await rpc.model("account.move", "delete", [move_id], context=posting.EN)
            raise
    return move_id


async def booking(rpc: TrytonRpc, move_id: int, order_kind: str | None = None) -> Booking:
    m = (await rpc.model("account.move", "read", [move_id], MOVE_FIELDS))[0]
    lines = await rpc.model("account.move.line", "read", m["lines"], ["account.code", "debit", "credit",
                                                                      "description", "party"])
    journal, period = m.get("journal.") or {}, m.get("period.") or {}
    party = next((str(line["party"]) for line in lines if line.get("party")), None)
    return Booking(
        reference=move_ref(move_id),
        journal=JournalRef(code=journal.get("code") or "?", type=JOURNAL_TYPES.get(journal.get("type"), "misc"),
                           name=journal.get("name")),
        period=PeriodRef(code=period["name"], start_date=period["start_date"], end_date=period["end_date"]),
        document_number=m.get("number"), booking_date=m["date"], counterparty_reference=party,
        lines=tuple(PostedLine(account=(line.get("account.") or {}).get("code", "?"), debit=line["debit"],
                               credit=line["credit"], description=line.get("description")) for line in lines),
        total=sum((line["debit"] for line in lines), Decimal("0")), final=m["state"] == "posted",
        document_kind=order_kind or "entry", external_id=m.get("bf_external_id"), comment=m.get("description"))


async def remove(rpc: TrytonRpc, move_id: int, state: str) -> str:
    """A draft move is deleted; a posted one is reversed by a posted move with the lines swapped."""
    if state == "draft":
        await rpc.model("account.move", "delete", [move_id], context=posting.EN)
        return "deleted"
    m = (await rpc.model("account.move", "read", [move_id], ["journal", "date", "period", "lines", "number"]))[0]
    lines = await rpc.model("account.move.line", "read", m["lines"], ["account", "debit", "credit", "party",
                                                                      "maturity_date"])
    reverse = [{"account": line["account"], "debit": line["credit"], "credit": line["debit"],
                **({"party": line["party"]} if line["party"] else {}),
                **({"maturity_date": line["maturity_date"]} if line["maturity_date"] else {})} for line in lines]
    rev_id, = await rpc.model("account.move", "create", [{
        "journal": m["journal"], "date": m["date"], "period": m["period"], "description": f"cancels {m['number']}",
        "lines": [["create", reverse]]}], context=posting.EN)
    await rpc.model("account.move", "post", [rev_id], context=posting.EN, accept_warnings=True)
    await rpc.model("account.move", "write", [move_id], {"bf_external_id": None}, context=posting.EN)
    return "cancelled"
