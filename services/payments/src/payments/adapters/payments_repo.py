"""Payments and their approvals in Postgres; every read is scoped to one dossier (other dossiers' ids are unknown)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from payments.domain.accounts import Account
from payments.domain.communication import Communication, Kind
from payments.domain.payment import Method, Payment, State

_COLUMNS = ("id, office_id, dossier_id, document_id, method, state, creditor_name, creditor_iban, creditor_bic, "
            "amount, communication_kind, communication_text, execution_date, initiated_by, rule_id, sepa_file_id, "
            "created_at, updated_at, executed_at, debtor_iban, debtor_bic, debtor_name")


def _payment(row: asyncpg.Record, approvals: dict[UUID, Any]) -> Payment:
    return Payment(
        id=row["id"], office_id=row["office_id"], dossier_id=row["dossier_id"], document_id=row["document_id"],
        method=Method(row["method"]), state=State(row["state"]),
        creditor=Account(row["creditor_name"], row["creditor_iban"], row["creditor_bic"]),
        amount=row["amount"], communication=Communication(Kind(row["communication_kind"]), row["communication_text"]),
        execution_date=row["execution_date"], initiated_by=row["initiated_by"], rule_id=row["rule_id"],
        approvals=approvals, sepa_file_id=row["sepa_file_id"], executed_at=row["executed_at"],
        debtor=Account(row["debtor_name"] or "", row["debtor_iban"], row["debtor_bic"]) if row["debtor_iban"] else None)


async def _approvals(conn: asyncpg.Connection, ids: list[UUID]) -> dict[UUID, dict[UUID, Any]]:
    found: dict[UUID, dict[UUID, Any]] = {i: {} for i in ids}
    for r in await conn.fetch("SELECT payment_id, user_id, approved_at FROM approvals WHERE payment_id = ANY($1) "
                              "ORDER BY approved_at", ids):
        found[r["payment_id"]][r["user_id"]] = r["approved_at"]
    return found


async def get(conn: asyncpg.Connection, dossier_id: UUID, payment_id: UUID, *, lock: bool = False) -> Payment | None:
    """The payment of this dossier, locked for the transaction when ``lock``."""
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM payments WHERE dossier_id = $1 AND id = $2"
                              + (" FOR UPDATE" if lock else ""), dossier_id, payment_id)
    return None if row is None else _payment(row, (await _approvals(conn, [row["id"]]))[row["id"]])


async def many(conn: asyncpg.Connection, dossier_id: UUID, ids: list[UUID], *, lock: bool = False) -> list[Payment]:
    """The payments of this dossier among ``ids`` (missing ones are left out), in the order of ``ids``."""
    rows = await conn.fetch(f"SELECT {_COLUMNS} FROM payments WHERE dossier_id = $1 AND id = ANY($2) ORDER BY id"
                            + (" FOR UPDATE" if lock else ""), dossier_id, ids)
    approvals = await _approvals(conn, [r["id"] for r in rows])
    by_id = {r["id"]: _payment(r, approvals[r["id"]]) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


async def listing(conn: asyncpg.Connection, dossier_id: UUID, state: State | None) -> list[Payment]:
    """The dossier's payments, newest first, optionally in one state."""
    rows = await conn.fetch(f"SELECT {_COLUMNS} FROM payments WHERE dossier_id = $1 AND ($2::text IS NULL OR "
                            "state = $2) ORDER BY created_at DESC, id", dossier_id, state.value if state else None)
    approvals = await _approvals(conn, [r["id"] for r in rows])
    return [_payment(r, approvals[r["id"]]) for r in rows]


async def by_idempotency_key(conn: asyncpg.Connection, dossier_id: UUID, key: str) -> Payment | None:
    payment_id = await conn.fetchval("SELECT id FROM payments WHERE dossier_id = $1 AND idempotency_key = $2",
                                     dossier_id, key)
    return None if payment_id is None else await get(conn, dossier_id, payment_id)


async def of_document(conn: asyncpg.Connection, dossier_id: UUID, document_id: UUID, *,
                      lock: bool = False) -> Payment | None:
    """The document's payment that is open or executed (PAY-7), if any (locked for the transaction when ``lock``)."""
    payment_id = await conn.fetchval("SELECT id FROM payments WHERE dossier_id = $1 AND document_id = $2 "
                                     "AND state <> 'cancelled'", dossier_id, document_id)
    return None if payment_id is None else await get(conn, dossier_id, payment_id, lock=lock)


async def insert(conn: asyncpg.Connection, p: Payment, idempotency_key: str | None) -> None:
    await conn.execute(
        "INSERT INTO payments (id, office_id, dossier_id, document_id, method, state, creditor_name, creditor_iban, "
        "creditor_bic, amount, communication_kind, communication_text, execution_date, initiated_by, "
        "idempotency_key, debtor_iban, debtor_bic, debtor_name) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        p.id, p.office_id, p.dossier_id, p.document_id, p.method.value, p.state.value, p.creditor.name,
        p.creditor.iban, p.creditor.bic, p.amount, p.communication.kind.value, p.communication.text,
        p.execution_date, p.initiated_by, idempotency_key, p.debtor and p.debtor.iban, p.debtor and p.debtor.bic,
        p.debtor and p.debtor.name)


async def save(conn: asyncpg.Connection, p: Payment) -> None:
    """Write what commands change: state, rule, new approvals, file and execution time."""
    await conn.execute("UPDATE payments SET state = $2, rule_id = $3, sepa_file_id = $4, executed_at = $5, "
                       "updated_at = now() WHERE id = $1",
                       p.id, p.state.value, p.rule_id, p.sepa_file_id, p.executed_at)
    await conn.executemany("INSERT INTO approvals (payment_id, user_id, approved_at) VALUES ($1, $2, $3) "
                           "ON CONFLICT DO NOTHING", [(p.id, u, at) for u, at in p.approvals.items()])


async def awaiting_approval(conn: asyncpg.Connection, dossier_id: UUID, rule_id: UUID | None = None) -> int:
    """How many payments of the dossier (under one rule, if given) wait in to_approve."""
    return await conn.fetchval("SELECT count(*) FROM payments WHERE dossier_id = $1 AND state = 'to_approve' "
                               "AND ($2::uuid IS NULL OR rule_id = $2)", dossier_id, rule_id)
