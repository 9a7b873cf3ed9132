"""Issue 17 item 1: an approved payment (payment.approved) is recorded in the accounting software as a payment
on the supplier invoice it pays, once per payment id; a payment of a document not booked (yet) is noted. A
cancelled payment (payment.cancelled) is taken back out of the software, so the invoice no longer shows as being
paid there; one cancelled before its approval arrived is noted so that the approval records nothing."""
from __future__ import annotations

from datetime import date

import asyncpg
from contracts.events.payments import PaymentApproved, PaymentCancelled

from sync_connector.adapters import payment_records as records
from sync_connector.adapters import repository as repo
from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.adapters.tryton.payments import cancel_payment, record_payment
from sync_connector.domain.errors import DossierNotFound, SoftwareRejected, SoftwareUnavailable
from sync_connector.domain.payment_record import (
    CANCELLED, NO_BOOKING, RECORDED, REFUSED, SUCCEEDED, software_reference,
)
from sync_connector.handlers.context import Deps, note_unavailable


async def _invoice_of(conn: asyncpg.Connection, event: PaymentApproved) -> int | None:
    reference = await repo.posted_reference(conn, event.dossier_id, event.document_id)
    if not reference or not reference.startswith("invoice:"):
        return None
    return int(reference.split(":", 1)[1])


async def on_payment_approved(conn: asyncpg.Connection, event: PaymentApproved, deps: Deps) -> None:
    """Record the payment on the invoice's line to pay in Tryton (idempotent there and here)."""
    if await records.is_noted(conn, event.payment_id):
        return
    dossier = await repo.dossier(conn, event.dossier_id)
    invoice = await _invoice_of(conn, event) if event.document_id else None
    if dossier is None or not dossier["software"] or invoice is None:
        return await records.note(conn, event, NO_BOOKING,
                                  reason="the invoice paid is not booked by the booking factory")
    adapter = deps.adapters.get(dossier["software"], dossier["installation"])
    if not isinstance(adapter, TrytonAdapter):
        return await records.note(conn, event, REFUSED, reason=f"{adapter.name} does not record payments")
    try:
        rpc = await adapter.rpc(dossier["dossier_code"])
        communication = event.communication.text if event.communication.kind != "none" else None
        payment = await record_payment(rpc, invoice, event.amount, event.execution_date or date.today(),
                                       communication)
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier["dossier_id"], dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound) as exc:
        return await records.note(conn, event, REFUSED, reason=str(exc)[:500])
    await records.note(conn, event, RECORDED, reference=software_reference(payment))


async def on_payment_cancelled(conn: asyncpg.Connection, event: PaymentCancelled, deps: Deps) -> None:
    """Delete the payment recorded in Tryton (a succeeded one stays: the bank paid it); note the cancellation."""
    record = await records.locked(conn, event.payment_id)
    if record is None:
        return await records.note(conn, event, CANCELLED, reason="cancelled before its approval was recorded")
    if record.state != RECORDED:
        return  # nothing in the software (no booking, refused), or already cancelled / succeeded
    dossier = await repo.dossier(conn, event.dossier_id)
    adapter = deps.adapters.get(dossier["software"], dossier["installation"])
    try:
        rpc = await adapter.rpc(dossier["dossier_code"])
        became = await cancel_payment(rpc, record.software_payment)
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier["dossier_id"], dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound) as exc:  # left as recorded, with why it could not be taken back
        return await records.note_failure(conn, event.payment_id, str(exc)[:500])
    await records.note_outcome(conn, event.payment_id, SUCCEEDED if became == "succeeded" else CANCELLED,
                               None if became == "deleted" else f"the payment was {became} in the accounting software")


async def note_succeeded(conn: asyncpg.Connection, dossier_id, tryton_payments: list[int]) -> None:
    """The bank statement paid these payments' invoices: their records say succeeded."""
    if tryton_payments:
        await records.mark_succeeded(conn, dossier_id, [software_reference(p) for p in tryton_payments])
