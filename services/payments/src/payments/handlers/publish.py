"""payment.approved through the outbox, in the transaction that made the payment executable."""
from __future__ import annotations

import asyncpg
from contracts.events.payments import Approval, Communication, Creditor, PaymentApproved
from runtime import context
from runtime.outbox import enqueue

from payments.domain.communication import Kind
from payments.domain.payment import Payment
from payments.entrypoints.metrics import PAYMENTS_APPROVED

SOURCE = "payments"


def approved_event(p: Payment) -> PaymentApproved:
    """The contract event of a payment that reached to_execute.

    The contract knows none/free/structured; an RF creditor reference travels as free text. The debtor
    account is chosen per SEPA file later (PAY-3), so it is not known yet.
    """
    kind = p.communication.kind
    wire_kind = "free" if kind is Kind.CREDITOR_REFERENCE else kind.value
    return PaymentApproved(
        correlation_id=context.correlation_id.get() or f"payment-{p.id}", office_id=p.office_id,
        dossier_id=p.dossier_id, payment_id=p.id, document_id=p.document_id, amount=p.amount,
        creditor=Creditor(name=p.creditor.name, iban=p.creditor.iban, bic=p.creditor.bic),
        communication=Communication(kind=wire_kind, text=p.communication.text), execution_date=p.execution_date,
        method=p.method.value, initiated_by=p.initiated_by, approval_rule_id=p.rule_id,
        approvers=tuple(Approval(user_id=u, approved_at=at) for u, at in sorted(p.approvals.items(),
                                                                                key=lambda i: i[1])))


async def publish_events(conn: asyncpg.Connection, p: Payment) -> None:
    """Enqueue what the aggregate recorded, then forget it."""
    for _ in p.events:
        await enqueue(conn, approved_event(p), source=SOURCE)
        PAYMENTS_APPROVED.inc()
    p.events.clear()
