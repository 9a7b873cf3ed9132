"""What payments knows of other services: dossiers (the platform's replica of dossier.changed, runtime.replica) and
payable documents (proposal.created, ledger.synced open items)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from runtime import replica as dossiers

PAYER_PROFILES = ("administrator", "full_access")


@dataclass(frozen=True)
class Dossier:
    """A dossier's office, effective settings and the client users who may pay (approve)."""

    dossier_id: UUID
    office_id: UUID
    settings: dict[str, Any]
    payers: frozenset[UUID]
    name: str = ""  # the holder's name of its bank accounts unless they say another (PAY-3)


@dataclass(frozen=True)
class PayableDocument:
    """A purchase invoice as enrichment proposed it, or as it was reviewed and sent: its payment's prefill (PAY-2)."""

    document_id: UUID
    dossier_id: UUID
    proposal_id: UUID
    counterparty_name: str | None
    iban: str | None
    amount: Decimal
    payment_reference: str | None
    invoice_number: str | None
    invoice_date: date | None
    due_date: date | None
    paid: bool
    reviewed: bool = False  # the values of proposal.validated (sent), not recognition's (issue 15 item 11)


async def dossier(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> Dossier | None:
    """The replicated dossier with its payers: its active client users with an administrator or full-access profile."""
    found = await dossiers.dossier(conn, dossier_id)
    if found is None:
        return None
    payers = frozenset(u["user_id"] for u in await dossiers.users(conn, dossier_id)
                       if u["active"] and u["profile"] in PAYER_PROFILES)
    return Dossier(found["dossier_id"], found["office_id"], found["settings"] or {}, payers, found.get("name") or "")


async def save_document(conn: asyncpg.Connection, office_id: UUID, doc: PayableDocument) -> None:
    """Keep the latest proposal of the document (a new proposal replaces the prefill, never the paid mark);
    a reviewed one (proposal.validated) replaces recognition's values and marks the document reviewed."""
    await conn.execute(
        "INSERT INTO payable_documents (document_id, dossier_id, office_id, proposal_id, counterparty_name, iban, "
        "amount, payment_reference, invoice_number, invoice_date, due_date, reviewed) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (document_id) DO UPDATE SET "
        "proposal_id = EXCLUDED.proposal_id, counterparty_name = EXCLUDED.counterparty_name, iban = EXCLUDED.iban, "
        "amount = EXCLUDED.amount, payment_reference = EXCLUDED.payment_reference, "
        "invoice_number = EXCLUDED.invoice_number, invoice_date = EXCLUDED.invoice_date, "
        "due_date = EXCLUDED.due_date, reviewed = EXCLUDED.reviewed, updated_at = now()",
        doc.document_id, doc.dossier_id, office_id, doc.proposal_id, doc.counterparty_name, doc.iban, doc.amount,
        doc.payment_reference, doc.invoice_number, doc.invoice_date, doc.due_date, doc.reviewed)


async def document(conn: asyncpg.Connection, dossier_id: UUID, document_id: UUID) -> PayableDocument | None:
    row = await conn.fetchrow(
        "SELECT document_id, dossier_id, proposal_id, counterparty_name, iban, amount, payment_reference, "
        "invoice_number, invoice_date, due_date, paid, reviewed FROM payable_documents WHERE dossier_id = $1 "
        "AND document_id = $2", dossier_id, document_id)
    return None if row is None else PayableDocument(**dict(row))


async def to_pay(conn: asyncpg.Connection, dossier_id: UUID, limit: int = 200) -> list[PayableDocument]:
    """Reviewed purchase invoices not paid in the accounting software and without an open or executed payment:
    the list with a Pay button (issue 15 item 11), the earliest due first."""
    rows = await conn.fetch(
        "SELECT d.document_id, d.dossier_id, d.proposal_id, d.counterparty_name, d.iban, d.amount, "
        "d.payment_reference, d.invoice_number, d.invoice_date, d.due_date, d.paid, d.reviewed "
        "FROM payable_documents d WHERE d.dossier_id = $1 AND d.reviewed AND NOT d.paid AND NOT EXISTS ("
        "SELECT 1 FROM payments p WHERE p.dossier_id = d.dossier_id AND p.document_id = d.document_id "
        "AND p.state <> 'cancelled') ORDER BY d.due_date NULLS LAST, d.invoice_date NULLS LAST, d.document_id "
        "LIMIT $2", dossier_id, limit)
    return [PayableDocument(**dict(r)) for r in rows]


async def mark_paid(conn: asyncpg.Connection, dossier_id: UUID, proposal_ids: list[UUID], paid: bool) -> list[UUID]:
    """Record that the accounting software shows these proposals' invoices as (not) open any more; the ids of
    the documents marked."""
    rows = await conn.fetch("UPDATE payable_documents SET paid = $3, updated_at = now() "
                            "WHERE dossier_id = $1 AND proposal_id = ANY($2) RETURNING document_id",
                            dossier_id, proposal_ids, paid)
    return [r["document_id"] for r in rows]
