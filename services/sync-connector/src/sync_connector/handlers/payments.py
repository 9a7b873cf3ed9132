"""Issue 17 item 1: an approved payment (payment.approved) is recorded in the accounting software as a payment
on the supplier invoice it pays, once per payment id; a payment of a document not booked (yet) is noted."""
from __future__ import annotations

from datetime import date

import asyncpg
from contracts.events.payments import PaymentApproved

from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.adapters.tryton.payments import record_payment
from sync_connector.domain.errors import DossierNotFound, SoftwareRejected, SoftwareUnavailable
from sync_connector.handlers.context import Deps, note_unavailable


async def _note(conn: asyncpg.Connection, event: PaymentApproved, state: str, reference: str | None = None,
                reason: str | None = None) -> None:
    await conn.execute(
        "INSERT INTO payment_records (payment_id, dossier_id, document_id, state, software_reference, error_reason) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (payment_id) DO NOTHING",
        event.payment_id, event.dossier_id, event.document_id, state, reference, reason)


async def _invoice_of(conn: asyncpg.Connection, event: PaymentApproved) -> int | None:
    reference = await conn.fetchval("SELECT booking_reference FROM postings WHERE dossier_id = $1 AND "
                                    "document_id = $2 AND state = 'posted'", event.dossier_id, event.document_id)
    if not reference or not reference.startswith("invoice:"):
        return None
    return int(reference.split(":", 1)[1])


async def on_payment_approved(deps: Deps, conn: asyncpg.Connection, event: PaymentApproved) -> None:
    """Record the payment on the invoice's line to pay in Tryton (idempotent there and here)."""
    if await conn.fetchval("SELECT 1 FROM payment_records WHERE payment_id = $1", event.payment_id):
        return
    dossier = await conn.fetchrow("SELECT * FROM dossiers WHERE dossier_id = $1", event.dossier_id)
    invoice = await _invoice_of(conn, event) if event.document_id else None
    if dossier is None or not dossier["software"] or invoice is None:
        return await _note(conn, event, "no_booking", reason="the invoice paid is not booked by the booking factory")
    adapter = deps.adapters.get(dossier["software"], dossier["installation"])
    if not isinstance(adapter, TrytonAdapter):
        return await _note(conn, event, "refused", reason=f"{adapter.name} does not record payments")
    try:
        rpc = await adapter.rpc(dossier["dossier_code"])
        communication = event.communication.text if event.communication.kind != "none" else None
        payment = await record_payment(rpc, invoice, event.amount, event.execution_date or date.today(),
                                       communication)
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier["dossier_id"], dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound) as exc:
        return await _note(conn, event, "refused", reason=str(exc)[:500])
    await _note(conn, event, "recorded", reference=f"payment:{payment}")
