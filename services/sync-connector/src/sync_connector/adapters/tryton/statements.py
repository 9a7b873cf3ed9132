"""Bank statements in Tryton (issue 17): imported with Tryton's own wizard (account_statement_coda,
account_statement_sepa), each origin given lines — the invoices matching found (reconciled when Tryton posts
the statement) or the suspense account for what is left to the office — then validated and posted.

Idempotent: a statement already in Tryton (same bank account, date and balances) is found, not imported
again; a posted one is only read back."""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from runtime.bankfiles import BankStatement
from stdnum import iso11649
from stdnum.be import ogm_vcs

from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.matching import LineMatch, OpenInvoice, match_statement

WIZARD_FORMATS = {"coda": "coda", "camt053": "camt_053_001"}
INVOICE = "account.invoice"


async def find_statement(rpc: TrytonRpc, statement: BankStatement) -> dict | None:
    """The statement of this account, date and balances when Tryton has it already (not cancelled)."""
    rows = await rpc.search_read("account.statement", [
        ("journal.bank_account.numbers.number_compact", "=", statement.account),
        ("date", "=", statement.statement_date), ("start_balance", "=", statement.opening_balance),
        ("end_balance", "=", statement.closing_balance), ("state", "!=", "cancelled")], ["id", "name", "state"])
    return rows[0] if rows else None


async def import_file(rpc: TrytonRpc, data: bytes, file_format: str, filename: str) -> int:
    """Run Tryton's statement import wizard on the file; the id of the one statement it created."""
    session = (await rpc.call("wizard.account.statement.import.create"))[0]
    try:
        start = {"company": rpc.context["company"], "file_format": WIZARD_FORMATS[file_format],
                 "file_name": filename, "file_": {"__class__": "bytes", "base64": base64.b64encode(data).decode()}}
        result = await rpc.call("wizard.account.statement.import.execute", session, {"start": start}, "import_")
    finally:
        await rpc.call("wizard.account.statement.import.delete", session)
    _action, data_ = result["actions"][0]
    ids = data_["res_id"]
    return ids[0]


async def origins(rpc: TrytonRpc, statement_id: int) -> list[dict]:
    return await rpc.search_read("account.statement.origin", [("statement", "=", statement_id)],
                                 ["id", "number", "date", "amount", "description", "lines"], order=[("id", "ASC")])


def _structured(reference: str | None) -> str | None:
    digits = "".join(ch for ch in (reference or "") if ch.isdigit())
    return digits if len(digits) == 12 and ogm_vcs.is_valid(digits) else None


def _rf(reference: str | None) -> str | None:
    compact = (reference or "").replace(" ", "").upper()
    return compact if compact.startswith("RF") and iso11649.is_valid(compact) else None


async def _party_ibans(rpc: TrytonRpc, parties: set[int]) -> dict[int, tuple[str, ...]]:
    accounts = await rpc.search_read("bank.account", [("owners", "in", sorted(parties))], ["owners"])
    numbers = await rpc.search_read("bank.account.number", [
        ("account", "in", [a["id"] for a in accounts]), ("type", "=", "iban")], ["account", "number_compact"])
    by_account: dict[int, list[str]] = {}
    for number in numbers:
        by_account.setdefault(number["account"], []).append(number["number_compact"])
    out: dict[int, tuple[str, ...]] = {}
    for account in accounts:
        for owner in account["owners"]:
            out[owner] = out.get(owner, ()) + tuple(by_account.get(account["id"], ()))
    return out


async def open_invoices(rpc: TrytonRpc) -> list[OpenInvoice]:
    """Posted invoices with something left to pay, as matching sees them (references, the party's IBANs)."""
    rows = await rpc.search_read(INVOICE, [("state", "=", "posted"), ("total_amount", ">", 0)], [
        "type", "party", "number", "reference", "amount_to_pay", "payment_term_date", "invoice_date",
        "supplier_payment_reference", "customer_payment_reference", "bf_external_id"], order=[("id", "ASC")],
        context={"with_payment": False})  # a payment recorded in Tryton (account_payment) is not a bank line yet
    ibans = await _party_ibans(rpc, {r["party"] for r in rows}) if rows else {}
    out = []
    for r in rows:
        if (r["amount_to_pay"] or 0) <= 0:
            continue
        # the supplier's reference on a supplier invoice, ours (Tryton's) on a customer invoice
        reference = r.get("supplier_payment_reference" if r["type"] == "in" else "customer_payment_reference")
        out.append(OpenInvoice(
            reference=str(r["id"]), kind="payable" if r["type"] == "in" else "receivable", party=str(r["party"]),
            amount_open=abs(r["amount_to_pay"]), due_date=r.get("payment_term_date") or r["invoice_date"],
            number=r.get("reference") if r["type"] == "in" else r.get("number"), party_ibans=ibans.get(r["party"], ()),
            external_id=r.get("bf_external_id"), structured=_structured(reference), rf=_rf(reference)))
    return out


async def _accounts(rpc: TrytonRpc, invoice_ids: list[int], suspense: str) -> tuple[dict[int, dict], int]:
    invoices = {r["id"]: r for r in await rpc.model(INVOICE, "read", invoice_ids, ["account", "party"])}
    found = await rpc.search_read("account.account", [("code", "=", suspense)], ["id"])
    return invoices, found[0]["id"]


def _lines_of(origin: dict, match: LineMatch | None, invoices: dict[int, dict], suspense_id: int) -> list[dict]:
    """The statement lines of one origin: one per invoice paid, or the whole amount on the suspense account."""
    common = {"statement": None, "origin": origin["id"], "number": origin["number"], "date": origin["date"],
              "description": (origin.get("description") or "")[:250]}
    sign = Decimal(-1) if origin["amount"] < 0 else Decimal(1)
    if match is None or not match.matched:
        return [{**common, "amount": origin["amount"], "account": suspense_id}]
    return [{**common, "amount": sign * amount, "party": invoices[int(item.reference)]["party"],
             "account": invoices[int(item.reference)]["account"], "related_to": f"{INVOICE},{item.reference}"}
            for item, amount in match.paid]


async def write_lines_and_post(rpc: TrytonRpc, statement_id: int, matches: dict[str, LineMatch],
                               suspense: str) -> None:
    """Give every origin its lines (matched invoices or suspense), validate and post: Tryton reconciles."""
    found = await origins(rpc, statement_id)
    invoice_ids = sorted({int(item.reference) for m in matches.values() for item, _ in m.paid})
    invoices, suspense_id = await _accounts(rpc, invoice_ids, suspense)
    old = await rpc.search_read("account.statement.line", [("statement", "=", statement_id)], ["id"])
    if old:  # a retry after a crash between writing lines and posting: start again from the origins
        await rpc.model("account.statement.line", "delete", [r["id"] for r in old])
    lines = [line for origin in found for line in _lines_of(origin, matches.get(origin["number"]), invoices,
                                                            suspense_id)]
    for line in lines:
        line["statement"] = statement_id
    if lines:
        await rpc.model("account.statement.line", "create", lines)
    await rpc.model("account.statement", "validate_statement", [statement_id], accept_warnings=True)
    await rpc.model("account.statement", "post", [statement_id])


async def posted_lines(rpc: TrytonRpc, statement_id: int) -> dict[str, list[dict[str, Any]]]:
    """The lines of a statement by origin number: amount and the invoice each pays (None = suspense)."""
    rows = await rpc.search_read("account.statement.line", [("statement", "=", statement_id)],
                                 ["number", "amount", "related_to"], order=[("id", "ASC")])
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        related = row.get("related_to") or ""
        invoice = related.split(",", 1)[1] if related.startswith(f"{INVOICE},") else None
        out.setdefault(row["number"], []).append({"amount": row["amount"], "invoice": invoice})
    return out


@dataclass(frozen=True)
class ImportResult:
    """A statement as Tryton holds it after the import: its id, the invoices each line paid (by line
    number), how matching decided (a fresh import; empty when the statement was already posted), and the
    suggestions for what matching left."""

    reference: str
    paid: dict[str, list[dict[str, Any]]]
    invoices: dict[str, dict[str, Any]]
    matches: dict[str, LineMatch] = field(default_factory=dict)


async def _invoice_facts(rpc: TrytonRpc, paid: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    ids = sorted({int(p["invoice"]) for lines in paid.values() for p in lines if p["invoice"]})
    rows = await rpc.model(INVOICE, "read", ids, ["type", "reference", "state", "bf_external_id"]) if ids else []
    return {str(r["id"]): r for r in rows}


async def import_statement(rpc: TrytonRpc, statement: BankStatement, data: bytes, filename: str,
                           suspense: str) -> ImportResult:
    """Import (or find) the statement, match its draft origins to open invoices, post it, read it back."""
    found = await find_statement(rpc, statement)
    statement_id = found["id"] if found else await import_file(rpc, data, statement.format, filename)
    matches: dict[str, LineMatch] = {}
    if not found or found["state"] == "draft":
        for match in match_statement(statement.lines, await open_invoices(rpc)):
            matches[match.line.sequence] = match
        await write_lines_and_post(rpc, statement_id, matches, suspense)
    elif found["state"] == "validated":
        await rpc.model("account.statement", "post", [statement_id])
    paid = await posted_lines(rpc, statement_id)
    return ImportResult(str(statement_id), paid, await _invoice_facts(rpc, paid), matches)
