"""Writes of the replica outside the ledger: sync state, the archive, payments, done ticks (the dossiers are the
platform's replica, runtime.replica)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg


async def save_sync(conn: asyncpg.Connection, dossier_id: UUID, updated_up_to: date | None, at: datetime) -> None:
    """The accounting software's "updated up to" after a sync run; an older run never overwrites a newer one."""
    await conn.execute(
        "INSERT INTO sync_state (dossier_id, updated_up_to, synced_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (dossier_id) DO UPDATE SET updated_up_to = EXCLUDED.updated_up_to, synced_at = EXCLUDED.synced_at "
        "WHERE sync_state.synced_at <= EXCLUDED.synced_at", dossier_id, updated_up_to, at)


async def save_received(conn: asyncpg.Connection, row: dict[str, Any]) -> None:
    """document.received: the archive card of a document (its type and status may already be known)."""
    await conn.execute(
        "INSERT INTO archive_documents (document_id, dossier_id, office_id, mailbox, filename, content_type, source, "
        "size_bytes, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (document_id) DO UPDATE SET "
        "mailbox = EXCLUDED.mailbox, filename = EXCLUDED.filename, content_type = EXCLUDED.content_type, "
        "source = EXCLUDED.source, size_bytes = EXCLUDED.size_bytes, received_at = EXCLUDED.received_at",
        row["document_id"], row["dossier_id"], row["office_id"], row["mailbox"], row["filename"],
        row["content_type"], row["source"], row["size_bytes"], row["received_at"])


async def save_type(conn: asyncpg.Connection, document_id: UUID, dossier_id: UUID, office_id: UUID,
                    document_type: str, e_invoice_check: dict[str, Any] | None = None) -> None:
    """document.recognized: what kind of document it is (invoice, credit note, receipt, other), and the verdict of
    a structured e-invoice's checks, kept with the document (None: not a structured e-invoice)."""
    await conn.execute(
        "INSERT INTO archive_documents (document_id, dossier_id, office_id, document_type, e_invoice_check) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (document_id) DO UPDATE SET document_type = EXCLUDED.document_type, "
        "e_invoice_check = EXCLUDED.e_invoice_check", document_id, dossier_id, office_id, document_type, e_invoice_check)


async def save_status(conn: asyncpg.Connection, document_id: UUID, dossier_id: UUID, office_id: UUID, status: str,
                      entry_reference: str | None, proposal_id: UUID | None) -> None:
    """ledger.synced posted/deleted: the document is booked (with its entry) or its booking was deleted."""
    await conn.execute(
        "INSERT INTO archive_documents (document_id, dossier_id, office_id, status, entry_reference, proposal_id) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (document_id) DO UPDATE SET status = EXCLUDED.status, "
        "entry_reference = EXCLUDED.entry_reference, proposal_id = COALESCE(EXCLUDED.proposal_id, "
        "archive_documents.proposal_id)", document_id, dossier_id, office_id, status, entry_reference, proposal_id)


async def save_payment(conn: asyncpg.Connection, row: dict[str, Any]) -> None:
    await conn.execute(
        "INSERT INTO payments_in_progress (payment_id, dossier_id, document_id, amount, execution_date, approved_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (payment_id) DO NOTHING",
        row["payment_id"], row["dossier_id"], row["document_id"], row["amount"], row["execution_date"],
        row["approved_at"])


async def cancel_payment(conn: asyncpg.Connection, row: dict[str, Any]) -> None:
    """payment.cancelled: the payment no longer marks its invoice; kept when it comes before its approval."""
    await conn.execute(
        "INSERT INTO payments_in_progress (payment_id, dossier_id, document_id, amount, approved_at, cancelled_at) "
        "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (payment_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at",
        row["payment_id"], row["dossier_id"], row["document_id"], row["amount"], row["cancelled_at"])


async def set_done(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID, reference: str, done: bool,
                   who: str) -> None:
    """REP-4: tick (or untick) an invoice as paid although the accounting software still shows it open."""
    if done:
        await conn.execute("INSERT INTO history_done (dossier_id, item_reference, done_by) VALUES ($1, $2, $3) "
                           "ON CONFLICT DO NOTHING", dossier_id, reference, who)
    else:
        await conn.execute("DELETE FROM history_done WHERE dossier_id = $1 AND item_reference = $2",
                           dossier_id, reference)


async def reach_stage(conn: asyncpg.Connection, document_id: UUID, stage: str,
                      at: datetime) -> list[tuple[str, float]]:
    """Issue 18: the document reached `stage` at `at` (its event's time). Only the first time counts: answers the
    (stage, seconds since upload) to observe now, [] when the stage was already recorded. For 'uploaded' that is
    every stage recorded before the upload was known (topics are not ordered against each other)."""
    first = await conn.fetchval(
        "INSERT INTO document_stages (document_id, stage, reached_at) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING RETURNING true", document_id, stage, at)
    if not first:
        return []
    if stage == "uploaded":
        rows = await conn.fetch("SELECT stage, reached_at FROM document_stages WHERE document_id = $1 "
                                "AND stage <> 'uploaded' ORDER BY reached_at", document_id)
        return [(r["stage"], max(0.0, (r["reached_at"] - at).total_seconds())) for r in rows]
    uploaded = await conn.fetchval("SELECT reached_at FROM document_stages WHERE document_id = $1 "
                                   "AND stage = 'uploaded'", document_id)
    return [] if uploaded is None else [(stage, max(0.0, (at - uploaded).total_seconds()))]
