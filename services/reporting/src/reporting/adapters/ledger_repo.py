"""The ledger replica (ledger.synced master data): upserts and deletions that commute.

Each row keeps the ``synced_at`` of the event that wrote it; an upsert from an older event changes nothing,
and a deletion leaves a tombstone so an older upsert applied later cannot bring the record back. So the parts
of a sync, and redeliveries, may be applied in any order.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

# replica table -> its columns besides dossier_id, reference and synced_at (fixed names, never user input)
TABLES: dict[str, tuple[str, ...]] = {
    "entries": ("journal_code", "journal_type", "period_code", "booking_date", "document_number",
                "counterparty_reference", "invoice_number", "invoice_date", "document_kind", "total",
                "external_id", "document_id", "lines"),
    "open_items": ("kind", "counterparty_reference", "document_number", "invoice_number", "issue_date",
                   "due_date", "amount", "amount_open", "currency", "external_id"),
    "bank_transactions": ("account_iban", "booking_date", "amount", "currency", "counterparty_name",
                          "counterparty_iban", "communication", "reconciled"),
    "accounts": ("name", "kind"),
    "counterparties": ("name", "vat_number", "roles"),
    "periods": ("start_date", "end_date", "state"),
}
KEEP_IF_NULL = {"document_id"}  # learnt from a posting; a later resync of the entry does not carry it


def _upsert_sql(table: str) -> str:
    cols = TABLES[table]
    names = ", ".join(("dossier_id", "reference", "synced_at", *cols))
    params = ", ".join(f"${i}" for i in range(1, len(cols) + 4))
    sets = ", ".join(f"{c} = COALESCE(EXCLUDED.{c}, {table}.{c})" if c in KEEP_IF_NULL else f"{c} = EXCLUDED.{c}"
                     for c in ("synced_at", *cols))
    return (f"INSERT INTO {table} ({names}) VALUES ({params}) ON CONFLICT (dossier_id, reference) "
            f"DO UPDATE SET {sets} WHERE {table}.synced_at <= EXCLUDED.synced_at")


_UPSERTS = {table: _upsert_sql(table) for table in TABLES}


async def upsert(conn: asyncpg.Connection, table: str, dossier_id: UUID, at: datetime,
                 rows: list[dict[str, Any]]) -> None:
    """Write records (dicts with ``reference`` and the table's columns) as of the event time ``at``."""
    if not rows:
        return
    gone = set(await conn.fetchval(
        "SELECT coalesce(array_agg(reference), '{}') FROM tombstones WHERE dossier_id = $1 AND kind = $2 "
        "AND reference = ANY($3) AND deleted_at > $4", dossier_id, table, [r["reference"] for r in rows], at))
    await conn.executemany(_UPSERTS[table], [(dossier_id, r["reference"], at, *(r.get(c) for c in TABLES[table]))
                                             for r in rows if r["reference"] not in gone])


async def delete(conn: asyncpg.Connection, table: str, dossier_id: UUID, at: datetime, references: list[str]) -> None:
    """Remove records deleted in the accounting software as of ``at`` (rows written later stay)."""
    if not references:
        return
    await conn.execute(f"DELETE FROM {table} WHERE dossier_id = $1 AND reference = ANY($2) AND synced_at <= $3",
                       dossier_id, references, at)
    await conn.executemany(
        "INSERT INTO tombstones (dossier_id, kind, reference, deleted_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (dossier_id, kind, reference) DO UPDATE SET deleted_at = GREATEST(tombstones.deleted_at, "
        "EXCLUDED.deleted_at)", [(dossier_id, table, ref, at) for ref in references])


async def paid_by_bank(conn: asyncpg.Connection, dossier_id: UUID, paid: list[tuple[str, bool, Any]]) -> None:
    """bank_statement.imported (issue 17): the open items we booked (by external id) that a statement line paid are
    paid at once — in full, or by the amount paid — until the next sync brings the accounting software's figures."""
    await conn.executemany(
        "UPDATE open_items SET amount_open = CASE WHEN $3 THEN 0 ELSE GREATEST(amount_open - $4, 0) END "
        "WHERE dossier_id = $1 AND external_id = $2", [(dossier_id, ext, full, amount) for ext, full, amount in paid])
