"""Move a payment through its states (PAY-8, PAY-9): request approval, approve, cancel; each change is saved with
the events it recorded (payment.approved, payment.cancelled) in one transaction."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg

from payments.adapters import payments_repo, rules_repo
from payments.domain.errors import Code, InvalidPayment, NotFound, Problem
from payments.domain.payment import Payment
from payments.entrypoints.metrics import PAYMENTS_CANCELLED
from payments.handlers.publish import publish_events


async def load(conn: asyncpg.Connection, dossier_id: UUID, payment_id: UUID) -> Payment:
    """The dossier's payment, locked for this transaction; NotFound for any other id."""
    payment = await payments_repo.get(conn, dossier_id, payment_id, lock=True)
    if payment is None:
        raise NotFound("no such payment in this dossier", Code.NOT_FOUND)
    return payment


async def request_approval(conn: asyncpg.Connection, dossier_id: UUID, payment_id: UUID, rule_id: UUID | None,
                           requester: UUID, *, now: datetime) -> Payment:
    """PAY-9: to_approve under the rule, or to_execute at once (approval off, or the requester completes it)."""
    await rules_repo.lock_dossier(conn, dossier_id)
    payment = await load(conn, dossier_id, payment_id)
    rule = None
    if rule_id is not None:
        rule = await rules_repo.get(conn, dossier_id, rule_id)
        if rule is None:
            raise InvalidPayment({"rule_id": Problem(Code.RULE_UNKNOWN, "no such approval rule in this dossier")})
    required = await rules_repo.approval_required(conn, dossier_id)
    payment.request_approval(rule, approval_required=required, now=now, requester=requester)
    await save(conn, payment)
    return payment


async def approve(conn: asyncpg.Connection, dossier_id: UUID, payment_id: UUID, user_id: UUID,
                  *, now: datetime) -> Payment:
    """PAY-8: the user's approval; the last one of the rule makes it to_execute and publishes payment.approved."""
    payment = await load(conn, dossier_id, payment_id)
    rule = await rules_repo.get(conn, dossier_id, payment.rule_id) if payment.rule_id else None
    if rule is None:
        raise InvalidPayment({"rule_id": Problem(Code.RULE_MISSING, "the payment waits under no (or a deleted) rule: "
                                                          "request approval again")})
    payment.approve(user_id, rule, now=now)
    await save(conn, payment)
    return payment


async def cancel(conn: asyncpg.Connection, dossier_id: UUID, payment_id: UUID, by: UUID | None = None) -> Payment:
    """Cancel an open payment; payment.cancelled clears its invoice's "payment in progress" elsewhere."""
    payment = await load(conn, dossier_id, payment_id)
    payment.cancel(by)
    await save(conn, payment)
    PAYMENTS_CANCELLED.inc()
    return payment


async def save(conn: asyncpg.Connection, payment: Payment) -> None:
    """The payment's new state and the events it recorded, in the caller's transaction."""
    await payments_repo.save(conn, payment)
    await publish_events(conn, payment)
