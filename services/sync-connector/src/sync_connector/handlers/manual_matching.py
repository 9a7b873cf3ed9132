"""Issue 17 item 3: the office matches by hand a bank statement line the rules left. The open invoices it may
pick are read from the accounting software (suggestions first); the match is checked (domain.manual_match),
reconciled there (adapters.tryton.manual_match: the amount moved from the suspense account to the invoices), the
line recorded as matched by hand and published on bank_statement.imported with that one line, so payments and
reporting mark the invoices paid as for a line the rules matched; a supplier invoice paid in full has its Tryton
payment succeeded.

One match per line: the line is locked for the whole request (two offices clicking at once: the second finds it
matched, 409); the same match sent again answers the line as it is; the software's side is idempotent by the
line, so a retry after a crash finishes the work without doing it twice."""
from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.bank import BankStatementImported, MatchedItem, StatementLineOutcome
from runtime.outbox import enqueue

from sync_connector.adapters import repository as repo
from sync_connector.adapters import statements_repo
from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.adapters.tryton.manual_match import match_line, matched_before
from sync_connector.adapters.tryton.payments import succeed_payments
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.adapters.tryton.statements import open_invoices
from sync_connector.domain import manual_match
from sync_connector.domain.errors import (
    LineAlreadyMatched, MatchRefused, NotFound, NotLinked, SoftwareRejected, StatementNotImported,
)
from sync_connector.handlers.context import SOURCE, Deps
from sync_connector.handlers.payments import note_succeeded


async def _statement_and_line(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID, file_id: UUID,
                              sequence: str, *, lock: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    statement = await statements_repo.get(conn, file_id)
    if statement is None or statement["dossier_id"] != dossier_id:
        raise NotFound(f"no bank statement {file_id} in this dossier")
    line = await statements_repo.line(conn, file_id, sequence, lock=lock)
    if line is None:
        raise NotFound(f"no line {sequence} in bank statement {file_id}")
    return statement, line


async def _rpc(deps: Deps, conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> tuple[TrytonAdapter, TrytonRpc]:
    dossier = await repo.dossier(conn, dossier_id)
    if dossier is None or not dossier["software"]:
        raise NotLinked()
    adapter = deps.adapters.get(dossier["software"], dossier["installation"])
    if not isinstance(adapter, TrytonAdapter):
        raise NotLinked()
    return adapter, await adapter.rpc(dossier["dossier_code"])


def line_view(line: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in line.items() if k != "statement_file_id"}


async def candidates(deps: Deps, dossier_id: UUID, file_id: UUID, sequence: str) -> dict[str, Any]:
    """The line and the open invoices it could pay (none once it is matched), the rules' suggestions first."""
    _, line = await _statement_and_line(deps.pool, dossier_id, file_id, sequence)
    if line["state"] == "matched":
        return {"line": line_view(line), "candidates": []}
    _, rpc = await _rpc(deps, deps.pool, dossier_id)
    found = manual_match.candidates(line["amount"], await open_invoices(rpc),
                                    [s["reference"] for s in line["suggestions"] or ()])
    names = await _party_names(rpc, {i.party for i, _ in found})
    return {"line": line_view(line), "candidates": [
        {"reference": i.reference, "kind": i.kind, "invoice_number": i.number, "party": names.get(i.party),
         "amount_open": i.amount_open, "due_date": i.due_date, "suggested": suggested} for i, suggested in found]}


async def _party_names(rpc: TrytonRpc, parties: set[str]) -> dict[str, str]:
    ids = sorted(int(p) for p in parties if p.isdigit())
    rows = await rpc.model("party.party", "read", ids, ["name"]) if ids else []
    return {str(r["id"]): r["name"] for r in rows}


def _same_match(line: dict[str, Any], references: list[str]) -> bool:
    return line["rule"] == "manual" and sorted(m["reference"] for m in line["matched"]) == sorted(set(references))


async def match(deps: Deps, dossier_id: UUID, file_id: UUID, sequence: str, references: list[str]) -> dict[str, Any]:
    """Match the line to the invoices named; the line as recorded. 409 when it is matched otherwise, 422 when the
    invoices are not open or do not fit."""
    async with deps.pool.acquire() as conn, conn.transaction():
        statement, line = await _statement_and_line(conn, dossier_id, file_id, sequence, lock=True)
        if statement["state"] != "imported":
            raise StatementNotImported(f"bank statement {file_id} was not imported ({statement['state']})")
        if line["state"] == "matched":
            if _same_match(line, references):
                return line_view(line)
            raise LineAlreadyMatched(f"line {sequence} is matched already")
        adapter, rpc = await _rpc(deps, conn, dossier_id)
        try:
            paid = await _to_pay(rpc, statement, line, references)
            await match_line(rpc, statement["statement_reference"], sequence, line["booking_date"], line["amount"],
                             paid, adapter.suspense)
            facts = {r["id"]: r for r in await rpc.model("account.invoice", "read", [i for i, _ in paid],
                                                         ["type", "state", "number", "reference", "bf_external_id"])}
            succeeded = await succeed_payments(rpc, [i for i, f in facts.items()
                                                     if f["type"] == "in" and f["state"] == "paid"])
        except SoftwareRejected as exc:
            if exc.kind == "MatchedOtherwise":
                raise LineAlreadyMatched(str(exc)) from exc
            raise MatchRefused(f"the accounting software refused the match: {exc.reason}",
                               params={"reason": exc.reason}) from exc
        items = [_item(i, part, facts[i]) for i, part in paid]
        await statements_repo.matched_by_hand(conn, file_id, sequence, [m.model_dump(mode="json") for m in items])
        await note_succeeded(conn, dossier_id, succeeded)
        await enqueue(conn, _published(statement, line, items, adapter.name), source=SOURCE)
        return line_view(await statements_repo.line(conn, file_id, sequence))  # type: ignore[arg-type]


async def _to_pay(rpc: TrytonRpc, statement: dict[str, Any], line: dict[str, Any],
                  references: list[str]) -> list[tuple[int, Decimal]]:
    """The invoices (id, amount) the line pays: as matched in the software already (a retry after a crash: the
    same invoices, else 409), or the open invoices named, checked to fit."""
    before = await matched_before(rpc, statement["statement_reference"], line["sequence"])
    if before is not None:
        if sorted({str(i) for i, _ in before}) != sorted(set(references)):
            raise LineAlreadyMatched(f"line {line['sequence']} is matched to other invoices in the accounting software")
        return before
    amount: Decimal = line["amount"]
    picked = manual_match.pick(amount, await open_invoices(rpc), references)
    return [(int(i.reference), part) for i, part in manual_match.allocate(amount, picked)]


def _item(invoice_id: int, amount: Decimal, facts: dict[str, Any]) -> MatchedItem:
    supplier = facts["type"] == "in"
    return MatchedItem(kind="payable" if supplier else "receivable", reference=str(invoice_id),
                       invoice_number=facts.get("reference") if supplier else facts.get("number"),
                       external_id=facts.get("bf_external_id"), amount=amount, paid_in_full=facts["state"] == "paid")


def _published(statement: dict[str, Any], line: dict[str, Any], items: list[MatchedItem],
               software: str) -> BankStatementImported:
    """bank_statement.imported with the one line matched by hand: consumers mark its invoices paid."""
    return BankStatementImported(
        correlation_id=f"bank-match-{statement['statement_file_id']}-{line['sequence']}",
        office_id=statement["office_id"], dossier_id=statement["dossier_id"],
        statement_file_id=statement["statement_file_id"], outcome="imported", accounting_software=software,
        statement_reference=statement["statement_reference"], account=statement["account"],
        statement_date=statement["statement_date"], opening_balance=statement["opening_balance"],
        closing_balance=statement["closing_balance"], lines=(StatementLineOutcome(
            sequence=line["sequence"], booking_date=line["booking_date"], amount=line["amount"],
            counterparty_name=line["counterparty_name"], counterparty_iban=line["counterparty_iban"],
            communication=line["communication"], state="matched", rule="manual", matched=tuple(items)),))
