"""Creating a dossier in Tryton: a database cloned from the template, the company's name and VAT
number, fiscal years with monthly periods and their sequences, parties. Used by the demo
(`make demo`) and by the tests; an office creates its dossiers in Tryton itself."""
from __future__ import annotations

import calendar
import re
import time
from datetime import date

import asyncpg

from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.errors import DossierNotFound


def database_name(prefix: str, dossier_code: str) -> str:
    """The Tryton database of a dossier code: the prefix and the code in lower case (letters, digits,
    '_' and '-' only; anything else names no dossier)."""
    code = dossier_code.strip().lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,49}", code):
        raise DossierNotFound(f"{dossier_code!r} is not a dossier code Tryton can have (letters, digits, _ and -)")
    return f"{prefix}{code}"


async def create_database(admin_dsn: str, name: str, template: str, *, replace: bool = False) -> float:
    """Clone the template into database `name`; returns the seconds it took. Existing: kept unless replace."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists and not replace:
            return 0.0
        if exists:
            await conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        started = time.perf_counter()
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return time.perf_counter() - started
    finally:
        await conn.close()


async def drop_database(admin_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _sequence_type(rpc: TrytonRpc, name: str) -> int:
    # ir.model.data is closed over RPC: the English name is the stable key
    rows = await rpc.search_read("ir.sequence.type", [("name", "=", name)], ["id"], context={"language": "en"})
    return rows[0]["id"]


async def set_company(rpc: TrytonRpc, name: str, vat_number: str | None) -> None:
    """Name the company's party after the dossier and give it its VAT number."""
    company = (await rpc.search_read("company.company", [], ["party"]))[0]
    party_id = company["party"]
    await rpc.model("party.party", "write", [party_id], {"name": name})
    if vat_number:
        await add_identifier(rpc, party_id, vat_number)


async def add_identifier(rpc: TrytonRpc, party_id: int, vat_number: str) -> None:
    await rpc.model("party.identifier", "create", [{"party": party_id, "type": "eu_vat", "code": vat_number}])


async def create_fiscal_year(rpc: TrytonRpc, year: int) -> int:
    """A calendar fiscal year with 12 monthly periods 'YYYY-MM' and strict move/invoice sequences."""
    found = await rpc.search_read("account.fiscalyear", [("name", "=", str(year))], ["id"])
    if found:
        return found[0]["id"]
    company = rpc.context["company"]
    move_type = await _sequence_type(rpc, "Account Move")
    invoice_type = await _sequence_type(rpc, "Invoice")
    # one sequence per kind: Tryton numbers customer invoices in date order within their sequence,
    # and supplier invoices (which arrive in any order) must not share it
    move_seq, in_seq, in_credit, out_seq, out_credit = await rpc.model("ir.sequence.strict", "create", [
        {"name": f"{year}", "sequence_type": move_type, "company": company},
        {"name": f"AF{year}", "sequence_type": invoice_type, "company": company, "prefix": f"AF{year}/"},
        {"name": f"AC{year}", "sequence_type": invoice_type, "company": company, "prefix": f"AC{year}/"},
        {"name": f"VF{year}", "sequence_type": invoice_type, "company": company, "prefix": f"VF{year}/"},
        {"name": f"VC{year}", "sequence_type": invoice_type, "company": company, "prefix": f"VC{year}/"},
    ])
    fiscal_year, = await rpc.model("account.fiscalyear", "create", [{
        "name": str(year), "start_date": date(year, 1, 1), "end_date": date(year, 12, 31), "company": company,
        "move_sequence": move_seq,
        "invoice_sequences": [["create", [{
            "company": company, "in_invoice_sequence": in_seq, "in_credit_note_sequence": in_credit,
            "out_invoice_sequence": out_seq, "out_credit_note_sequence": out_credit}]]],
    }])
    await rpc.model("account.period", "create", [
        {"name": f"{year}-{month:02d}", "start_date": date(year, month, 1),
         "end_date": date(year, month, calendar.monthrange(year, month)[1]), "fiscalyear": fiscal_year,
         "type": "standard"}
        for month in range(1, 13)])
    return fiscal_year


async def create_party(rpc: TrytonRpc, name: str, vat_number: str | None = None, *, iban: str | None = None) -> int:
    """A party with its VAT number (identifier eu_vat); the existing one when that VAT number is known."""
    if vat_number:
        found = await rpc.search_read("party.identifier", [("code", "=", vat_number)], ["party"])
        if found:
            return found[0]["party"]
    party_id, = await rpc.model("party.party", "create", [{"name": name}])
    if vat_number:
        await add_identifier(rpc, party_id, vat_number)
    return party_id


async def create_account(rpc: TrytonRpc, code: str, name: str, *, parent: str) -> int:
    """A 6-digit account under its PCMN parent (same type); the existing one when the code is taken."""
    found = await rpc.search_read("account.account", [("code", "=", code)], ["id"])
    if found:
        return found[0]["id"]
    up = (await rpc.search_read("account.account", [("code", "=", parent)], ["type", "reconcile",
                                                                               "party_required"]))[0]
    account, = await rpc.model("account.account", "create", [{
        "code": code, "name": name, "parent": up["id"], "type": up["type"], "reconcile": up["reconcile"],
        "party_required": up["party_required"]}])
    return account


async def lock_fiscal_year(rpc: TrytonRpc, year: int) -> None:
    """Close every period of the year, then close and lock the year (nothing may be booked in it)."""
    fiscal_year = (await rpc.search_read("account.fiscalyear", [("name", "=", str(year))], ["id"]))[0]["id"]
    periods = await rpc.search_read("account.period", [("fiscalyear", "=", fiscal_year), ("state", "=", "open")],
                                    ["id"])
    if periods:
        await rpc.model("account.period", "close", [p["id"] for p in periods])
    await rpc.model("account.fiscalyear", "close", [fiscal_year])
    await rpc.model("account.fiscalyear", "lock_", [fiscal_year])


async def create_bank_journal(rpc: TrytonRpc, iban: str, *, name: str = "Bank", account: str = "550000") -> int:
    """The company's bank account with a statement journal on the STA journal and GL account 550000."""
    found = await rpc.search_read("account.statement.journal", [("name", "=", name)], ["id"])
    if found:
        return found[0]["id"]
    company = (await rpc.search_read("company.company", [("id", "=", rpc.context["company"])],
                                     ["party", "currency"]))[0]
    bank_account, = await rpc.model("bank.account", "create", [{
        "owners": [["add", [company["party"]]]], "numbers": [["create", [{"type": "iban", "number": iban}]]]}])
    journal = (await rpc.search_read("account.journal", [("type", "=", "statement")], ["id"]))[0]["id"]
    gl = (await rpc.search_read("account.account", [("code", "=", account)], ["id"]))[0]["id"]
    statement_journal, = await rpc.model("account.statement.journal", "create", [{
        "name": name, "journal": journal, "account": gl, "currency": company["currency"],
        "company": rpc.context["company"], "bank_account": bank_account, "validation": "number_of_lines"}])
    return statement_journal


async def add_statement(rpc: TrytonRpc, journal: int, name: str, on: date, lines: list[dict]) -> int:
    """A posted bank statement; each line {amount, party, account, description, related_to?}."""
    statement, = await rpc.model("account.statement", "create", [{
        "name": name, "journal": journal, "date": on, "company": rpc.context["company"],
        "number_of_lines": len(lines),
        "lines": [["create", [{"date": on, "number": str(n), **line} for n, line in enumerate(lines, 1)]]]}])
    await rpc.model("account.statement", "validate_statement", [statement])
    await rpc.model("account.statement", "post", [statement])
    return statement
