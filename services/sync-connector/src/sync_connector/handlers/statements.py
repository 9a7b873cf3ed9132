"""Issue 17 item 2: a bank statement file handed in is imported into the accounting software once per file
hash, its lines matched and reconciled there; the outcome (or the refusal with its reason) is recorded and
published on bank_statement.imported. The payments recorded in the software for the supplier invoices it paid
are moved to succeeded there (issue 17 item 1)."""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import asyncpg
from contracts.events.bank import BankStatementImported, BankStatementReceived, MatchedItem, StatementLineOutcome
from runtime.bankfiles import BankStatement, StatementFileError, read_statement
from runtime.outbox import enqueue
from runtime.storage import ObjectNotFound

from sync_connector.adapters import repository as repo
from sync_connector.adapters import statements_repo
from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.adapters.tryton.payments import succeed_payments
from sync_connector.adapters.tryton.statements import ImportResult, import_statement
from sync_connector.domain.errors import DossierNotFound, SoftwareRejected, SoftwareUnavailable, UnknownSoftware
from sync_connector.handlers.context import SOURCE, Deps, note_unavailable
from sync_connector.handlers.payments import note_succeeded

log = logging.getLogger(__name__)


def _matched(lines: list[dict[str, Any]], invoices: dict[str, dict[str, Any]]) -> tuple[MatchedItem, ...]:
    out = []
    for line in lines:
        invoice = invoices.get(line["invoice"] or "")
        if invoice is None:
            continue
        out.append(MatchedItem(kind="payable" if invoice["type"] == "in" else "receivable",
                               reference=line["invoice"], invoice_number=invoice.get("reference"),
                               external_id=invoice.get("bf_external_id"), amount=abs(Decimal(line["amount"])),
                               paid_in_full=invoice["state"] == "paid"))
    return tuple(out)


def outcome_of(event: BankStatementReceived, statement: BankStatement, result: ImportResult,
               software: str) -> tuple[BankStatementImported, dict[str, list[dict]]]:
    """The imported event from the statement as Tryton posted it, and the suggestions per unmatched line."""
    lines, suggestions = [], {}
    for line in statement.lines:
        matched = _matched(result.paid.get(line.sequence, []), result.invoices)
        match = result.matches.get(line.sequence)
        lines.append(StatementLineOutcome(
            sequence=line.sequence, booking_date=line.booking_date, amount=line.amount,
            counterparty_name=line.counterparty_name or None, counterparty_iban=line.counterparty_iban or None,
            communication=line.structured_display or line.communication or None,
            state="matched" if matched else "unmatched", rule=match.rule if match and matched else None,
            matched=matched))
        if match and not matched:
            suggestions[line.sequence] = [
                {"reference": s.reference, "kind": s.kind, "invoice_number": s.number,
                 "amount_open": str(s.amount_open), "due_date": s.due_date.isoformat() if s.due_date else None}
                for s in match.suggestions]
    imported = BankStatementImported(
        correlation_id=event.correlation_id, office_id=event.office_id, dossier_id=event.dossier_id,
        statement_file_id=event.statement_file_id, outcome="imported", accounting_software=software,
        statement_reference=result.reference, account=statement.account, statement_date=statement.statement_date,
        opening_balance=statement.opening_balance, closing_balance=statement.closing_balance, lines=tuple(lines))
    return imported, suggestions


def paid_supplier_invoices(result: ImportResult) -> list[int]:
    """The supplier invoices the statement left paid: their payments in the software succeeded (issue 17 item 1)."""
    return sorted(int(ref) for ref, invoice in result.invoices.items()
                  if invoice["type"] == "in" and invoice["state"] == "paid")


def refused(event: BankStatementReceived, code: str, reason: str) -> BankStatementImported:
    return BankStatementImported(correlation_id=event.correlation_id, office_id=event.office_id,
                                 dossier_id=event.dossier_id, statement_file_id=event.statement_file_id,
                                 outcome="refused", error_code=code, error_reason=reason[:500])


async def _finish(deps: Deps, conn: asyncpg.Connection, event: BankStatementImported,
                  suggestions: dict | None = None) -> None:
    await statements_repo.record_outcome(conn, event, suggestions or {})
    await enqueue(conn, event, source=SOURCE)


async def on_bank_statement_received(conn: asyncpg.Connection, event: BankStatementReceived, deps: Deps) -> None:
    """Import the file once (a re-sent file is recorded as a duplicate), match, reconcile, publish."""
    row = await statements_repo.record_received(conn, event)
    if row["state"] != "received":
        return  # a duplicate of a file already handed in, or this file's import already recorded
    dossier = await repo.dossier(conn, event.dossier_id)
    if dossier is None or not dossier["software"]:
        return await _finish(deps, conn, refused(event, "DossierNotFound", "the dossier is not linked to an accounting "
                                           "software (activate it first)"))
    try:
        assert deps.store is not None, "bootstrap gives the connector the documents bucket"
        data = await deps.store.get_bytes(event.storage_key)
        statement = read_statement(data)
    except ObjectNotFound:
        return await _finish(deps, conn, refused(event, "FileMissing", f"the file {event.filename} is not in storage"))
    except StatementFileError as exc:
        return await _finish(deps, conn, refused(event, exc.code, exc.message))
    try:
        adapter = deps.adapters.get(dossier["software"], dossier["installation"])
        if not isinstance(adapter, TrytonAdapter):
            raise UnknownSoftware(f"{adapter.name} does not import bank statements yet")
        rpc = await adapter.rpc(dossier["dossier_code"])
        result = await import_statement(rpc, statement, data, event.filename, adapter.suspense)
        succeeded = await succeed_payments(rpc, paid_supplier_invoices(result))
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier["dossier_id"], dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound, UnknownSoftware) as exc:
        return await _finish(deps, conn, refused(event, getattr(exc, "kind", type(exc).__name__), str(exc)))
    await note_succeeded(conn, event.dossier_id, succeeded)
    imported, suggestions = outcome_of(event, statement, result, adapter.name)
    await _finish(deps, conn, imported, suggestions)
