"""Postgres state of bank statement imports: the files (once per dossier and hash) and their lines."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.bank import BankStatementImported, BankStatementReceived

Conn = asyncpg.Connection | asyncpg.Pool


async def record_received(conn: asyncpg.Connection, event: BankStatementReceived) -> dict[str, Any]:
    """The file's row: new ('received'), the one a redelivery finds, or a duplicate of the first with its hash."""
    found = await get(conn, event.statement_file_id)
    if found is not None:
        return found
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", f"{event.dossier_id}:{event.sha256}")
    first = await conn.fetchrow("SELECT statement_file_id FROM statement_imports WHERE dossier_id = $1 AND "
                                "sha256 = $2 AND state <> 'duplicate'", event.dossier_id, event.sha256)
    await conn.execute(
        "INSERT INTO statement_imports (statement_file_id, dossier_id, office_id, sha256, format, filename, source, "
        "storage_key, state, duplicate_of) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        event.statement_file_id, event.dossier_id, event.office_id, event.sha256, event.format, event.filename,
        event.source, event.storage_key, "duplicate" if first else "received",
        first["statement_file_id"] if first else None)
    return await get(conn, event.statement_file_id)  # type: ignore[return-value]


async def get(conn: Conn, statement_file_id: UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow("SELECT * FROM statement_imports WHERE statement_file_id = $1", statement_file_id)
    return dict(row) if row else None


async def record_outcome(conn: asyncpg.Connection, event: BankStatementImported,
                         suggestions: dict[str, list[dict]]) -> None:
    """The import's result and every line, as the event tells it (plus the suggestions for unmatched lines)."""
    await conn.execute(
        "UPDATE statement_imports SET state = $2, error_code = $3, error_reason = $4, statement_reference = $5, "
        "account = $6, statement_date = $7, opening_balance = $8, closing_balance = $9, imported_at = now() "
        "WHERE statement_file_id = $1", event.statement_file_id, event.outcome, event.error_code,
        event.error_reason, event.statement_reference, event.account, event.statement_date,
        event.opening_balance, event.closing_balance)
    await conn.executemany(
        "INSERT INTO statement_lines (statement_file_id, sequence, booking_date, amount, counterparty_name, "
        "counterparty_iban, communication, state, rule, matched, suggestions) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
        [(event.statement_file_id, line.sequence, line.booking_date, line.amount, line.counterparty_name,
          line.counterparty_iban, line.communication, line.state, line.rule,
          [m.model_dump(mode="json") for m in line.matched], suggestions.get(line.sequence, []))
         for line in event.lines])


async def list_imports(conn: Conn, dossier_id: UUID, limit: int = 100) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT i.*, count(l.sequence) AS lines, count(l.sequence) FILTER (WHERE l.state = 'matched') AS matched "
        "FROM statement_imports i LEFT JOIN statement_lines l USING (statement_file_id) WHERE i.dossier_id = $1 "
        "GROUP BY i.statement_file_id ORDER BY i.received_at DESC LIMIT $2", dossier_id, limit)
    return [dict(r) for r in rows]


async def lines(conn: Conn, statement_file_id: UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch("SELECT * FROM statement_lines WHERE statement_file_id = $1 ORDER BY sequence",
                            statement_file_id)
    return [dict(r) for r in rows]


async def line(conn: Conn, statement_file_id: UUID, sequence: str, *, lock: bool = False) -> dict[str, Any] | None:
    """One line of a file (locked until the transaction ends with ``lock``), or None."""
    row = await conn.fetchrow("SELECT * FROM statement_lines WHERE statement_file_id = $1 AND sequence = $2"
                              + (" FOR UPDATE" if lock else ""), statement_file_id, sequence)
    return dict(row) if row else None


async def matched_by_hand(conn: asyncpg.Connection, statement_file_id: UUID, sequence: str,
                          matched: list[dict[str, Any]]) -> None:
    """The line matched by the office to these invoices (issue 17 item 3): no suggestions any more."""
    await conn.execute("UPDATE statement_lines SET state = 'matched', rule = 'manual', matched = $3, suggestions = $4 "
                       "WHERE statement_file_id = $1 AND sequence = $2", statement_file_id, sequence, matched, [])
