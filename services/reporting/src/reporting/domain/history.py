"""REP-4: the customer/supplier invoice history with its three key figures.

- invoiced = Σ amount of the invoices listed
- open     = Σ amount still open (what the accounting software says, done ticks included)
- overdue  = Σ amount open past its due date, except invoices the client ticked done (paid, not yet recorded) and
             those with a payment in progress (PAY-7: ticked done for them)
"""
from __future__ import annotations

from datetime import date
from typing import Any

from reporting.domain.ledger import ZERO, Item

SIDES = {"customers": "receivable", "suppliers": "payable"}


def select(items: list[Item], status: str) -> list[Item]:
    """open: something left to pay (or receive); paid: nothing left; all: both."""
    if status == "open":
        return [i for i in items if not i.paid]
    if status == "paid":
        return [i for i in items if i.paid]
    return list(items)


def _done(item: Item) -> bool:
    """Ticked done by the client, or (PAY-7) a payment of it is in progress: ticked for them."""
    return bool(item.extra.get("done")) or (bool(item.extra.get("payment_in_progress")) and not item.paid)


def key_figures(items: list[Item], today: date) -> dict[str, Any]:
    overdue = [i for i in items if i.overdue_days(today) and not _done(i)]
    return {"invoiced": sum((i.amount for i in items), ZERO),
            "open": sum((i.amount_open for i in items if not i.paid), ZERO),
            "overdue": sum((i.amount_open for i in overdue), ZERO),
            "overdue_count": len(overdue)}


def row(item: Item, today: date) -> dict[str, Any]:
    """One invoice as the history lists and exports it."""
    extra = item.extra
    return {"reference": item.reference, "kind": item.kind, "invoice_number": extra.get("invoice_number"),
            "document_number": extra.get("document_number"), "counterparty": item.counterparty_reference,
            "counterparty_name": extra.get("counterparty_name"), "issue_date": item.issue_date,
            "due_date": item.due_date, "amount": item.amount, "amount_open": item.amount_open,
            "paid": item.paid, "overdue_days": item.overdue_days(today), "done": _done(item),
            "payment_in_progress": bool(extra.get("payment_in_progress")) and not item.paid,
            "document_id": extra.get("document_id")}
