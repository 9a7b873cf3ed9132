"""The lines of an invoice booking: every line of its accounting move (cost/revenue, VAT, payable/receivable),
so that a booking balances. A posted invoice is read from its move; a draft one (no move yet) is built from its
invoice lines, its tax rows (account.invoice.tax) and the party line on the invoice's account, as Tryton will
post it."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from contracts.events.ledger import PostedLine

from sync_connector.adapters.tryton.rpc import TrytonRpc

ZERO = Decimal("0")


class InvoiceParts:
    """The rows the lines of a sync's invoices are made of, each read once for all of them (no read per invoice)."""

    def __init__(self, lines: list[dict], taxes: list[dict], move_lines: list[dict],
                 tax_codes: dict[int, str]) -> None:
        self.lines: dict[int, list[dict]] = defaultdict(list)
        for line in lines:
            self.lines[line["invoice"]].append(line)
        self.taxes: dict[int, list[dict]] = defaultdict(list)
        for tax in taxes:
            self.taxes[tax["invoice"]].append(tax)
        self.move_lines: dict[int, list[dict]] = defaultdict(list)
        for line in move_lines:
            self.move_lines[line["move"]].append(line)
        self.tax_codes = tax_codes


async def read_parts(rpc: TrytonRpc, invoices: list[dict], tax_codes: dict[int, str]) -> InvoiceParts:
    """Invoice lines, tax rows and move lines of all the invoices in four calls, whatever their number."""
    ids = [r["id"] for r in invoices]
    line_ids = [lid for r in invoices for lid in r["lines"]]
    move_ids = [r["move"] for r in invoices if r.get("move")]
    lines = await rpc.model("account.invoice.line", "read", line_ids,
                            ["invoice", "account.code", "taxes", "amount", "description"]) if line_ids else []
    taxes = await rpc.search_read("account.invoice.tax", [("invoice", "in", ids)],
                                  ["invoice", "account.code", "amount", "tax", "description"],
                                  order=[("id", "ASC")]) if ids else []
    move_lines = await rpc.search_read("account.move.line", [("move", "in", move_ids)], [
        "move", "account.code", "debit", "credit", "description", "origin", "party"],
        order=[("id", "ASC")]) if move_ids else []
    return InvoiceParts(lines, taxes, move_lines, await _with_child_taxes(rpc, tax_codes))


async def _with_child_taxes(rpc: TrytonRpc, tax_codes: dict[int, str]) -> dict[int, str]:
    """Tax id -> VAT code, a child tax (e.g. the two halves of a reverse charge) under its top parent's code."""
    rows = await rpc.search_read("account.tax", [("parent", "!=", None)], ["parent"], context={"active_test": False})
    parent_of = {r["id"]: r["parent"] for r in rows}
    out = dict(tax_codes)
    for tax_id in parent_of:
        top = tax_id
        while top in parent_of:
            top = parent_of[top]
        if top in tax_codes:
            out[tax_id] = tax_codes[top]
    return out


def _account(row: dict) -> str:
    return (row.get("account.") or {}).get("code", "?")


def _signed(amount: Decimal, debit_side: bool) -> tuple[Decimal, Decimal]:
    """(debit, credit) of an amount on the side it goes to when positive; a negative amount goes to the other."""
    if (amount >= 0) == debit_side:
        return abs(amount), ZERO
    return ZERO, abs(amount)


def cost_line(line: dict, sale: bool, tax_codes: dict[int, str]) -> PostedLine:
    """An invoice line: a purchase debits its cost account, a sale credits its revenue account."""
    debit, credit = _signed(line["amount"], not sale)
    vat = next((tax_codes[t] for t in line["taxes"] if t in tax_codes), None)
    return PostedLine(account=_account(line), vat_code=vat, debit=debit, credit=credit,
                      description=line.get("description"))


def draft_lines(invoice: dict, parts: InvoiceParts) -> list[PostedLine]:
    """A draft invoice's lines as Tryton will post them: invoice lines, VAT lines, the party line."""
    sale = invoice["type"] == "out"
    lines = [cost_line(line, sale, parts.tax_codes) for line in parts.lines[invoice["id"]]]
    for tax in parts.taxes[invoice["id"]]:
        if not tax["amount"]:  # a zero tax row posts no move line
            continue
        debit, credit = _signed(tax["amount"], not sale)
        lines.append(PostedLine(account=_account(tax), vat_code=parts.tax_codes.get(tax["tax"]), debit=debit,
                                credit=credit, description=tax.get("description")))
    total = sum((line["amount"] for line in parts.lines[invoice["id"]]), ZERO) + sum(
        (tax["amount"] for tax in parts.taxes[invoice["id"]]), ZERO)
    debit, credit = _signed(total, sale)
    lines.append(PostedLine(account=_account(invoice), debit=debit, credit=credit,
                            description=invoice.get("description") or invoice.get("number")))
    return lines


def move_lines(invoice: dict, parts: InvoiceParts) -> list[PostedLine]:
    """A posted invoice's move lines: those of its invoice lines first (VAT code and description of the invoice
    line, as before), then the VAT lines (the code of their tax), then the party line and anything else."""
    sale = invoice["type"] == "out"
    by_line = {line["id"]: line for line in parts.lines[invoice["id"]]}
    by_tax = {tax["id"]: tax for tax in parts.taxes[invoice["id"]]}
    first, taxes, rest = [], [], []
    for row in parts.move_lines[invoice["move"]]:
        model, _, ref = (row.get("origin") or "").partition(",")
        source = int(ref) if ref.isdigit() else None
        if model == "account.invoice.line" and source in by_line:
            line = cost_line(by_line[source], sale, parts.tax_codes)
            first.append(line.model_copy(update={"debit": row["debit"], "credit": row["credit"]}))
        elif model == "account.invoice.tax" and source in by_tax:
            taxes.append(PostedLine(account=_account(row), vat_code=parts.tax_codes.get(by_tax[source]["tax"]),
                                    debit=row["debit"], credit=row["credit"], description=row.get("description")))
        else:
            rest.append(PostedLine(account=_account(row), debit=row["debit"], credit=row["credit"],
                                   description=row.get("description")))
    return first + taxes + rest


def invoice_lines(invoice: dict, parts: InvoiceParts) -> tuple[PostedLine, ...]:
    """All lines of the invoice's booking: from its move when it has one, else as Tryton will post it."""
    return tuple(move_lines(invoice, parts) if invoice.get("move") else draft_lines(invoice, parts))
