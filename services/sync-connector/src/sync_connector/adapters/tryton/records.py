"""Reading a Tryton dossier into our records: accounts, parties, journals, periods, taxes,
bookings (invoices and plain moves), open items and bank statement lines (SYN-1)."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.ledger import (
    AccountRecord, BankTransaction, Booking, CounterpartyRecord, JournalRecord, OpenItem, PeriodRecord, PostedLine,
    VatCodeRecord,
)

from sync_connector.adapters.tryton import entry_lines
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.adapters.tryton.vat_codes import code_of, vat_code_record

JOURNAL_TYPES = {"expense": "purchases", "revenue": "sales", "cash": "financial", "statement": "financial"}
_CLASS_KIND = {"1": "equity", "2": "asset", "3": "asset", "5": "asset", "6": "expense", "7": "revenue"}
INVOICE_FIELDS = ["number", "reference", "description", "comment", "type", "state", "invoice_date", "accounting_date",
                  "party", "journal.code", "journal.type", "journal.name", "move.period.name",
                  "move.period.start_date", "move.period.end_date", "move.date", "total_amount", "untaxed_amount",
                  "amount_to_pay", "bf_external_id", "lines", "move", "invoice_date", "payment_term_date",
                  "account.code"]


def invoice_ref(invoice_id: int) -> str:
    return f"invoice:{invoice_id}"


def move_ref(move_id: int) -> str:
    return f"move:{move_id}"


async def accounts(rpc: TrytonRpc) -> list[AccountRecord]:
    rows = await rpc.search_read("account.account", [("code", "!=", None)], [
        "code", "name", "closed", "active", "type.receivable", "type.payable", "type.expense", "type.revenue"],
        order=[("code", "ASC")], context={"active_test": False})
    out = []
    for row in rows:
        t = row.get("type.") or {}
        kind = ("receivable" if t.get("receivable") else "payable" if t.get("payable")
                else "expense" if t.get("expense") else "revenue" if t.get("revenue")
                else _CLASS_KIND.get(row["code"][:1], "other"))
        out.append(AccountRecord(code=row["code"], name=row["name"] or row["code"], kind=kind,
                                 active=bool(row["active"]) and not row["closed"]))
    return out


async def company_party(rpc: TrytonRpc) -> int:
    return (await rpc.search_read("company.company", [("id", "=", rpc.context["company"])], ["party"]))[0]["party"]


async def counterparties(rpc: TrytonRpc, roles: dict[int, set[str]] | None = None) -> list[CounterpartyRecord]:
    own = await company_party(rpc)
    parties = await rpc.search_read("party.party", [("id", "!=", own)], ["name", "active", "lang.code"],
                                    context={"active_test": False})
    idents = await rpc.search_read("party.identifier", [("type", "in", ["eu_vat", "be_vat"])], ["party", "code"])
    vat_of = {i["party"]: i["code"] for i in idents}
    ibans: dict[int, list[str]] = defaultdict(list)
    for number in await rpc.search_read("bank.account.number", [("type", "=", "iban")],
                                        ["number_compact", "account.owners"]):
        for owner in (number.get("account.") or {}).get("owners", []):
            ibans[owner].append(number["number_compact"])
    roles = roles if roles is not None else await party_roles(rpc)
    out = []
    for p in parties:
        vat = vat_of.get(p["id"])
        lang = (p.get("lang.") or {}).get("code")
        out.append(CounterpartyRecord(
            reference=str(p["id"]), name=p["name"] or f"party {p['id']}", vat_number=vat,
            ibans=tuple(sorted(set(ibans.get(p["id"], ())))),
            enterprise_number=vat[2:] if vat and vat.startswith("BE") and len(vat) == 12 else None,
            country=vat[:2] if vat and vat[:2].isalpha() else None,
            language=lang[:2] if lang and lang[:2] in ("nl", "fr", "en", "de") else None,
            roles=tuple(sorted(roles.get(p["id"], ()))), active=bool(p["active"])))
    return out


async def party_roles(rpc: TrytonRpc) -> dict[int, set[str]]:
    rows = await rpc.search_read("account.invoice", [], ["party", "type"])
    roles: dict[int, set[str]] = defaultdict(set)
    for r in rows:
        roles[r["party"]].add("supplier" if r["type"] == "in" else "customer")
    return roles


async def journals(rpc: TrytonRpc) -> list[JournalRecord]:
    rows = await rpc.search_read("account.journal", [], ["code", "name", "type", "active"],
                                 context={"active_test": False})
    return [JournalRecord(code=r["code"] or f"J{r['id']}", type=JOURNAL_TYPES.get(r["type"], "misc"), name=r["name"],
                          active=bool(r["active"])) for r in rows]


async def periods(rpc: TrytonRpc) -> list[PeriodRecord]:
    rows = await rpc.search_read("account.period", [("type", "=", "standard")],
                                 ["name", "start_date", "end_date", "state", "fiscalyear.name"],
                                 order=[("start_date", "ASC")])
    return [PeriodRecord(code=r["name"], start_date=r["start_date"], end_date=r["end_date"], state=r["state"],
                         fiscal_year=(r.get("fiscalyear.") or {}).get("name")) for r in rows]


async def taxes(rpc: TrytonRpc) -> tuple[list[VatCodeRecord], dict[str, int]]:
    """Our VAT codes, and our code -> Tryton tax id (for posting)."""
    rows = await rpc.search_read("account.tax", [], ["name", "rate", "parent", "active", "group.kind",
                                                      "template.xml_id"], context={"active_test": False})
    children: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        if r["parent"]:
            children[r["parent"]].append(r)
    grid_lines = await rpc.search_read("account.tax.code.line", [], ["code.code", "tax"])
    grids: dict[int, list[str]] = defaultdict(list)
    parent_of = {r["id"]: r["parent"] for r in rows}
    for line in grid_lines:
        code = (line.get("code.") or {}).get("code")
        tax = line["tax"]
        while tax is not None and code:
            grids[tax].append(code)
            tax = parent_of.get(tax)
    records, ids = [], {}
    for r in rows:
        if r["parent"]:
            continue
        records.append(vat_code_record(r, children[r["id"]], grids[r["id"]]))
        ids[code_of(r)] = r["id"]
    return records, ids


def _period_ref(row: dict) -> PeriodRef:
    period = row.get("move.") and (row["move."].get("period.") or {})
    return PeriodRef(code=period["name"], start_date=period["start_date"], end_date=period["end_date"])


async def invoice_bookings(rpc: TrytonRpc, domain: list, tax_codes: dict[int, str]) -> list[Booking]:
    """Invoices as bookings with every line of their move: posted ones as their move holds them, drafts as
    Tryton will post them (entry_lines); the rows behind the lines are read in a few calls for all invoices."""
    rows = await rpc.search_read("account.invoice", domain, INVOICE_FIELDS, order=[("id", "ASC")])
    parts = await entry_lines.read_parts(rpc, rows, tax_codes)
    periods_by_date = await periods(rpc)
    return [_invoice_booking(r, entry_lines.invoice_lines(r, parts), periods_by_date) for r in rows]


def _invoice_booking(r: dict, posted: tuple[PostedLine, ...], all_periods: list) -> Booking:
    total = r["total_amount"]
    credit_note = total < 0
    booking_date = (r.get("move.") or {}).get("date") or r.get("accounting_date") or r.get("invoice_date")
    if r.get("move."):
        period = _period_ref(r)
    else:
        found = next((p for p in all_periods if booking_date and p.start_date <= booking_date <= p.end_date), None)
        period = PeriodRef(code=found.code, start_date=found.start_date, end_date=found.end_date) if found else \
            PeriodRef(code="?", start_date=booking_date, end_date=booking_date)
    journal = r.get("journal.") or {}
    return Booking(
        reference=invoice_ref(r["id"]),
        journal=JournalRef(code=journal.get("code") or "?", type=JOURNAL_TYPES.get(journal.get("type"), "misc"),
                           name=journal.get("name")),
        period=period, document_number=r.get("description") or r.get("number"), booking_date=booking_date,
        counterparty_reference=str(r["party"]), lines=posted, total=abs(total),
        final=r["state"] in ("posted", "paid"), document_kind="credit_note" if credit_note else "invoice",
        invoice_number=r.get("reference"), invoice_date=r.get("invoice_date"),
        external_id=r.get("bf_external_id"), comment=r.get("comment"))


async def move_bookings(rpc: TrytonRpc) -> list[Booking]:
    """Plain moves (not from an invoice): opening balances, miscellaneous entries, bank moves."""
    moves = await rpc.search_read("account.move", [("origin", "=", None)], [
        "number", "date", "state", "description", "journal.code", "journal.type", "journal.name", "period.name",
        "period.start_date", "period.end_date", "lines", "bf_external_id"], order=[("id", "ASC")])
    line_ids = [lid for m in moves for lid in m["lines"]]
    lines = await rpc.model("account.move.line", "read", line_ids,
                            ["move", "account.code", "debit", "credit", "description", "party"]) if line_ids else []
    by_move: dict[int, list[dict]] = defaultdict(list)
    for line in lines:
        by_move[line["move"]].append(line)
    out = []
    for m in moves:
        ls = by_move[m["id"]]
        journal, period = m.get("journal.") or {}, m.get("period.") or {}
        party = next((str(line["party"]) for line in ls if line.get("party")), None)
        out.append(Booking(
            reference=move_ref(m["id"]),
            journal=JournalRef(code=journal.get("code") or "?", type=JOURNAL_TYPES.get(journal.get("type"), "misc"),
                               name=journal.get("name")),
            period=PeriodRef(code=period["name"], start_date=period["start_date"], end_date=period["end_date"]),
            document_number=m.get("number"), booking_date=m["date"], counterparty_reference=party,
            lines=tuple(PostedLine(account=(line.get("account.") or {}).get("code", "?"), debit=line["debit"],
                                   credit=line["credit"], description=line.get("description")) for line in ls),
            total=sum((line["debit"] for line in ls), Decimal("0")), final=m["state"] == "posted",
            document_kind="entry", external_id=m.get("bf_external_id"), comment=m.get("description")))
    return out


async def open_items(rpc: TrytonRpc, domain: list | None = None) -> list[OpenItem]:
    rows = await rpc.search_read("account.invoice", [("state", "=", "posted")] + (domain or []), [
        "type", "party", "number", "reference", "description", "invoice_date", "total_amount", "amount_to_pay",
        "bf_external_id", "payment_term_date"], order=[("id", "ASC")])
    return [OpenItem(reference=invoice_ref(r["id"]), kind="payable" if r["type"] == "in" else "receivable",
                     counterparty_reference=str(r["party"]), document_number=r.get("description") or r.get("number"),
                     invoice_number=r.get("reference"), issue_date=r.get("invoice_date"),
                     due_date=r.get("payment_term_date") or r.get("invoice_date"), amount=abs(r["total_amount"]),
                     amount_open=abs(r["amount_to_pay"] or Decimal("0")), external_id=r.get("bf_external_id"))
            for r in rows]


async def bank_transactions(rpc: TrytonRpc) -> list[BankTransaction]:
    """Statement lines, with the IBAN of the statement journal's bank account."""
    rows = await rpc.search_read("account.statement.line", [], [
        "date", "amount", "party.name", "description", "statement.state", "statement.journal.bank_account"],
        order=[("id", "ASC")])
    numbers = await rpc.search_read("bank.account.number", [("type", "=", "iban")], ["account", "number_compact"])
    iban_of = {n["account"]: n["number_compact"] for n in numbers}
    out = []
    for r in rows:
        statement = r.get("statement.") or {}
        bank_account = (statement.get("journal.") or {}).get("bank_account")
        out.append(BankTransaction(
            reference=f"statement-line:{r['id']}", account_iban=iban_of.get(bank_account), booking_date=r["date"],
            amount=r["amount"], counterparty_name=(r.get("party.") or {}).get("name"),
            communication=r.get("description"), reconciled=statement.get("state") == "posted"))
    return out
