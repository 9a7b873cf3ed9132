"""payment.approved, payment.executed and payment.cancelled through the outbox, in the transaction that changed
the payment."""
from __future__ import annotations

import asyncpg
from contracts.events.payments import (
    Approval, Communication, Creditor, DebtorAccount, PaymentApproved, PaymentCancelled, PaymentExecuted,
)
from contracts.envelope import Event
from runtime import context
from runtime.outbox import enqueue

from payments.domain.communication import Kind
from payments.domain.payment import BecameExecutable, Payment, PaymentEvent, WasCancelled, WentToBank
from payments.entrypoints.metrics import PAYMENTS_APPROVED

SOURCE = "payments"


def approved_event(p: Payment) -> PaymentApproved:
    """The contract event of a payment that reached to_execute.

    The contract knows none/free/structured; an RF creditor reference travels as free text. The debtor
    account is the one the payment is to be paid from (PAY-2); the SEPA file may still use another (PAY-3).
    """
    debtor = p.debtor and DebtorAccount(iban=p.debtor.iban, bic=p.debtor.bic, name=p.debtor.name or None)
    kind = p.communication.kind
    wire_kind = "free" if kind is Kind.CREDITOR_REFERENCE else kind.value
    return PaymentApproved(
        correlation_id=context.correlation_id.get() or f"payment-{p.id}", office_id=p.office_id,
        dossier_id=p.dossier_id, payment_id=p.id, document_id=p.document_id, amount=p.amount,
        creditor=Creditor(name=p.creditor.name, iban=p.creditor.iban, bic=p.creditor.bic),
        communication=Communication(kind=wire_kind, text=p.communication.text), execution_date=p.execution_date,
        method=p.method.value, initiated_by=p.initiated_by, approval_rule_id=p.rule_id, debtor=debtor,
        approvers=tuple(Approval(user_id=u, approved_at=at) for u, at in sorted(p.approvals.items(),
                                                                                key=lambda i: i[1])))


def _envelope(p: Payment) -> dict:
    return {"correlation_id": context.correlation_id.get() or f"payment-{p.id}", "office_id": p.office_id,
            "dossier_id": p.dossier_id, "payment_id": p.id, "document_id": p.document_id, "amount": p.amount}


def executed_event(p: Payment, went: WentToBank) -> PaymentExecuted:
    """Issue 17 item 1: the payment went to the bank (or the bank's statement showed it paid)."""
    debtor = went.debtor and DebtorAccount(iban=went.debtor.iban, bic=went.debtor.bic, name=went.debtor.name)
    assert p.executed_at is not None, "an executed payment has its time"
    return PaymentExecuted(**_envelope(p), method=p.method.value, executed_by=went.executed_by,
                           sepa_file_id=p.sepa_file_id, debtor=debtor, execution_date=p.execution_date,
                           executed_at=p.executed_at)


def contract_event(p: Payment, recorded: PaymentEvent) -> Event:
    """The contract event of one thing the aggregate recorded."""
    if isinstance(recorded, BecameExecutable):
        return approved_event(p)
    if isinstance(recorded, WentToBank):
        return executed_event(p, recorded)
    assert isinstance(recorded, WasCancelled)
    return PaymentCancelled(**_envelope(p), was_approved=recorded.was_approved, cancelled_by=recorded.by)


async def publish_events(conn: asyncpg.Connection, p: Payment) -> None:
    """Enqueue what the aggregate recorded, in order, then forget it."""
    for recorded in p.events:
        await enqueue(conn, contract_event(p, recorded), source=SOURCE)
        if isinstance(recorded, BecameExecutable):
            PAYMENTS_APPROVED.inc()
    p.events.clear()
