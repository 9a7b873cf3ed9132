"""Create a payment (PAY-1, PAY-2, PAY-10): from a document's prefill and/or the form's fields, once."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import asyncpg

from payments.adapters import accounts_repo, payments_repo, replica
from payments.domain import communication as comm
from payments.domain import debtors
from payments.domain.accounts import check_account, check_amount
from payments.domain.dates import check_execution_date, default_payment_date
from payments.domain.errors import Code, Conflict, InvalidPayment, Problem
from payments.domain.payment import Method, Payment
from payments.entrypoints.metrics import PAYMENTS_CREATED


@dataclass(frozen=True)
class CreatePayment:
    """The form: every field may be left out when ``document_id`` names a known purchase invoice."""

    initiated_by: UUID
    document_id: UUID | None = None
    method: Method = Method.SEPA
    creditor_name: str | None = None
    creditor_iban: str | None = None
    creditor_bic: str | None = None
    amount: str | None = None
    communication_kind: str | None = None
    communication_text: str | None = None
    execution_date: date | None = None
    idempotency_key: str | None = None
    debtor_iban: str | None = None  # PAY-2: one of the dossier's accounts; None: its default (PAY-3)


async def create(conn: asyncpg.Connection, dossier: replica.Dossier, cmd: CreatePayment,
                 *, today: date) -> tuple[Payment, bool]:
    """The new payment (True) or the one this idempotency key already created (False)."""
    if cmd.idempotency_key:
        existing = await payments_repo.by_idempotency_key(conn, dossier.dossier_id, cmd.idempotency_key)
        if existing is not None:
            return existing, False
    doc = None
    if cmd.document_id is not None:
        paying = await payments_repo.of_document(conn, dossier.dossier_id, cmd.document_id)
        if paying is not None:
            raise Conflict(f"document {cmd.document_id} already has payment {paying.id} ({paying.state.value})",
                           Code.DOCUMENT_PAID, payment_id=paying.id, state=paying.state.value)
        doc = await replica.document(conn, dossier.dossier_id, cmd.document_id)
    payment = _payment(dossier, cmd, doc, today, await accounts_repo.listing(conn, dossier.dossier_id))
    try:
        async with conn.transaction():  # a savepoint: a lost race leaves the outer transaction usable
            await payments_repo.insert(conn, payment, cmd.idempotency_key)
    except asyncpg.UniqueViolationError:
        if cmd.idempotency_key and (same := await payments_repo.by_idempotency_key(
                conn, dossier.dossier_id, cmd.idempotency_key)):
            return same, False
        raise Conflict(f"document {cmd.document_id} already has a payment", Code.DOCUMENT_PAID) from None
    PAYMENTS_CREATED.labels(payment.method.value).inc()
    return payment, True


def _payment(dossier: replica.Dossier, cmd: CreatePayment, doc: replica.PayableDocument | None,
             today: date, accounts: list[debtors.DebtorAccount]) -> Payment:
    problems = _unprefillable(cmd, doc)
    if problems and cmd.creditor_iban is None and cmd.amount is None:  # only the document: say why, nothing else
        raise InvalidPayment(problems)
    doc = doc if doc is not None and doc.reviewed else None  # never prefill from unreviewed recognition
    creditor, bad = check_account(cmd.creditor_name or (doc and doc.counterparty_name),
                                  cmd.creditor_iban or (doc and doc.iban), cmd.creditor_bic, field="creditor")
    problems = bad | problems
    amount, bad = check_amount(cmd.amount if cmd.amount is not None else (doc.amount if doc else None))
    problems = bad | problems
    try:
        communication = (comm.parse(cmd.communication_kind, cmd.communication_text) if cmd.communication_kind
                         else comm.guess(doc.payment_reference if doc else None))
    except InvalidPayment as exc:
        problems |= exc.problems
    if cmd.execution_date is not None and (late := check_execution_date(cmd.execution_date, today=today)):
        problems["execution_date"] = late
    debtor = None
    if cmd.method is Method.SEPA and (cmd.debtor_iban or accounts):
        try:
            debtor = debtors.account_for(cmd.debtor_iban, None, None, accounts, dossier.name)
        except InvalidPayment as exc:
            problems |= exc.problems
    if problems:
        raise InvalidPayment(problems)
    when = None
    if cmd.method is Method.SEPA:
        when = cmd.execution_date or default_payment_date(
            dossier.settings.get("default_payment_date"), today=today,
            due=doc.due_date if doc else None, invoice=doc.invoice_date if doc else None)
    return Payment(id=uuid.uuid4(), office_id=dossier.office_id, dossier_id=dossier.dossier_id,
                   document_id=cmd.document_id, method=cmd.method, creditor=creditor, amount=amount,
                   communication=communication, initiated_by=cmd.initiated_by, execution_date=when, debtor=debtor)


def _unprefillable(cmd: CreatePayment, doc: replica.PayableDocument | None) -> dict[str, Problem]:
    """PAY-2, issue 15 item 11: a document prefills a payment only once its invoice was reviewed and sent (the
    values of proposal.validated); before, creditor and amount come from the person, who sees the document."""
    if cmd.document_id is None or (cmd.creditor_iban is not None and cmd.amount is not None):
        return {}
    if doc is None:
        return {"document_id": Problem(Code.DOCUMENT_UNKNOWN, "no purchase invoice known with this id to prefill "
                                                               "from: give creditor and amount")}
    if not doc.reviewed:
        return {"document_id": Problem(Code.DOCUMENT_NOT_REVIEWED, "the invoice is not reviewed yet: give creditor "
                                                                    "and amount as the document says")}
    return {}
