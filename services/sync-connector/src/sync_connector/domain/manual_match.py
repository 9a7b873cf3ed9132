"""Matching by hand a bank statement line the rules left (issue 17 item 3): the office picks the open invoices it
pays, and they must fit — together the line's amount, or one invoice it pays in part; money out pays payables,
money in receivables. What the office is offered: the invoices of the line's kind, the rules' suggestions first,
then the others nearest the line's amount."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sync_connector.domain.errors import AmountsDoNotFit, InvoiceNotOpen, NothingPicked
from sync_connector.domain.matching import OpenInvoice

MAX_CANDIDATES = 200


def kind_of(amount: Decimal) -> str:
    """The open items a line can pay: payables for money out, receivables for money in."""
    return "payable" if amount < 0 else "receivable"


def candidates(amount: Decimal, open_items: Iterable[OpenInvoice], suggested: Iterable[str]) -> list[
        tuple[OpenInvoice, bool]]:
    """The open invoices of the line's kind with whether the rules suggested each: suggestions first (in the rules'
    order), then the others by how near their open amount is to the line's, then by due date."""
    wanted, line = kind_of(amount), abs(amount)
    mine = {i.reference: i for i in open_items if i.kind == wanted and i.amount_open > 0}
    order = [r for r in dict.fromkeys(suggested) if r in mine]
    first = [(mine[r], True) for r in order]
    rest = sorted((i for r, i in mine.items() if r not in order),
                  key=lambda i: (abs(i.amount_open - line), i.due_date is None, i.due_date, i.reference))
    return (first + [(i, False) for i in rest])[:MAX_CANDIDATES]


def pick(amount: Decimal, open_items: Iterable[OpenInvoice], references: Sequence[str]) -> list[OpenInvoice]:
    """The invoices named, each once, open and of the line's kind; InvoiceNotOpen names the first that is not."""
    if not references:
        raise NothingPicked("name at least one open invoice the line pays")
    wanted = kind_of(amount)
    mine = {i.reference: i for i in open_items if i.kind == wanted and i.amount_open > 0}
    for reference in references:
        if reference not in mine:
            raise InvoiceNotOpen(f"invoice {reference} is not an open {wanted} this line can pay",
                                 params={"reference": reference})
    return [mine[r] for r in dict.fromkeys(references)]


def allocate(amount: Decimal, picked: Sequence[OpenInvoice]) -> list[tuple[OpenInvoice, Decimal]]:
    """What the line pays on each invoice: every picked invoice in full when they make the line's amount, or the
    whole line on one invoice it pays in part; AmountsDoNotFit otherwise (with both amounts)."""
    line, total = abs(amount), sum((i.amount_open for i in picked), Decimal(0))
    if line == total:
        return [(i, i.amount_open) for i in picked]
    if len(picked) == 1 and line < total:
        return [(picked[0], line)]
    raise AmountsDoNotFit(f"the invoices picked are open for {total} and the line is {line}: they must make its "
                          "amount together, or one invoice it pays in part",
                          params={"amount": line, "open_total": total})
