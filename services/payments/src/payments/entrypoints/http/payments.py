"""HTTP API of a dossier's payments (PAY-1, PAY-2, PAY-7..10): create, list, request approval, approve, cancel."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from runtime.auth.fastapi import current_principal, require, require_any
from runtime.auth.policy import Forbidden
from runtime.auth.principal import Principal

from payments.adapters import payments_repo, replica
from payments.domain.payment import Method, State
from payments.entrypoints.http.common import dossier_of, payment_json, pool, user_id
from payments.entrypoints.http.schemas import PayablesOut, PaymentOut, PaymentsOut, PaymentStatusOut
from payments.handlers import creation, lifecycle

router = APIRouter()
BASE = "/dossiers/{dossier_id}/payments"


class CommunicationIn(BaseModel):
    kind: Literal["none", "free", "structured", "creditor_reference"]
    text: str | None = Field(default=None, max_length=200)


class CreditorIn(BaseModel):
    name: str | None = Field(default=None, max_length=200)
    iban: str | None = Field(default=None, max_length=50)
    bic: str | None = Field(default=None, max_length=20)


class DebtorRefIn(BaseModel):
    iban: str | None = Field(default=None, max_length=50, description="one of GET /debtor-accounts; none: the default")


class PaymentIn(BaseModel):
    """A new payment; with a known document_id every other field is prefilled and may be left out (PAY-2)."""

    document_id: UUID | None = None
    method: Literal["sepa", "epc_qr"] = "sepa"
    creditor: CreditorIn = Field(default_factory=CreditorIn)
    amount: str | None = Field(default=None, max_length=20, description="EUR, e.g. '123.45'")
    communication: CommunicationIn | None = None
    execution_date: date | None = None
    debtor: DebtorRefIn = Field(default_factory=DebtorRefIn, description="PAY-2: the account to pay from")


class ApprovalRequestIn(BaseModel):
    rule_id: UUID | None = Field(default=None, description="required when approval is on for the dossier")


def _now() -> datetime:
    return datetime.now(timezone.utc)


@router.post(BASE, status_code=201, response_model=PaymentOut,
             responses={200: {"model": PaymentOut,
                              "description": "the payment made before with this Idempotency-Key"}})
async def create_payment(dossier_id: UUID, given: PaymentIn, request: Request,
                         idempotency_key: str | None = Header(default=None, max_length=200),
                         action: str = Depends(require_any("payment.create", "payment.prepare")),
                         who: Principal = Depends(current_principal)) -> JSONResponse:
    """201 with the new draft; 200 with the same payment when the Idempotency-Key was seen before."""
    dossier = await dossier_of(request, dossier_id)
    if action == "payment.prepare" and not dossier.settings.get("payment_preparation"):
        raise Forbidden("the office may not prepare payments on this dossier (payment preparation is off)")
    cmd = creation.CreatePayment(
        initiated_by=user_id(who), document_id=given.document_id, method=Method(given.method),
        creditor_name=given.creditor.name, creditor_iban=given.creditor.iban, creditor_bic=given.creditor.bic,
        amount=given.amount, communication_kind=given.communication.kind if given.communication else None,
        communication_text=given.communication.text if given.communication else None,
        execution_date=given.execution_date, idempotency_key=idempotency_key, debtor_iban=given.debtor.iban)
    async with pool(request).acquire() as conn, conn.transaction():
        payment, created = await creation.create(conn, dossier, cmd, today=_now().date())
    return JSONResponse(jsonable_encoder(payment_json(payment)), status_code=201 if created else 200)


@router.get(BASE, response_model=PaymentsOut)
async def list_payments(dossier_id: UUID, request: Request, state: State | None = None,
                        who: Principal = Depends(require("payment.view"))) -> dict:
    """The dossier's payments (the portal's tabs: ?state=to_approve, to_execute, executed...)."""
    async with pool(request).acquire() as conn:
        payments = await payments_repo.listing(conn, dossier_id, state)
    return {"payments": [payment_json(p) for p in payments]}


@router.get(BASE + "/{payment_id}", response_model=PaymentOut)
async def get_payment(dossier_id: UUID, payment_id: UUID, request: Request,
                      who: Principal = Depends(require("payment.view"))) -> dict:
    async with pool(request).acquire() as conn:
        return payment_json(await lifecycle.load(conn, dossier_id, payment_id))


@router.post(BASE + "/{payment_id}/request-approval", response_model=PaymentOut)
async def request_approval(dossier_id: UUID, payment_id: UUID, given: ApprovalRequestIn, request: Request,
                           who: Principal = Depends(require("payment.create"))) -> dict:
    """PAY-9: to_approve under the rule (to_execute at once when approval is off or the requester suffices)."""
    async with pool(request).acquire() as conn, conn.transaction():
        payment = await lifecycle.request_approval(conn, dossier_id, payment_id, given.rule_id, user_id(who),
                                                   now=_now())
    return payment_json(payment)


@router.post(BASE + "/{payment_id}/approve", response_model=PaymentOut)
async def approve(dossier_id: UUID, payment_id: UUID, request: Request,
                  who: Principal = Depends(require("payment.approve"))) -> dict:
    """PAY-8: the caller's approval under the payment's rule."""
    async with pool(request).acquire() as conn, conn.transaction():
        payment = await lifecycle.approve(conn, dossier_id, payment_id, user_id(who), now=_now())
    return payment_json(payment)


@router.post(BASE + "/{payment_id}/cancel", response_model=PaymentOut)
async def cancel(dossier_id: UUID, payment_id: UUID, request: Request,
                 who: Principal = Depends(require("payment.create"))) -> dict:
    async with pool(request).acquire() as conn, conn.transaction():
        return payment_json(await lifecycle.cancel(conn, dossier_id, payment_id, user_id(who)))


@router.get("/dossiers/{dossier_id}/payable-documents", response_model=PayablesOut)
async def payable_documents(dossier_id: UUID, request: Request,
                            who: Principal = Depends(require("payment.view"))) -> dict:
    """Issue 15 item 11: reviewed purchase invoices (sent from the worklist) that nothing pays yet, each with the
    values its payment is prefilled with; the portal lists them with a Pay button."""
    async with pool(request).acquire() as conn:
        docs = await replica.to_pay(conn, dossier_id)
    return {"items": [{"document_id": d.document_id, "proposal_id": d.proposal_id, "counterparty_name":
                       d.counterparty_name, "iban": d.iban, "amount": str(d.amount), "currency": "EUR",
                       "payment_reference": d.payment_reference, "invoice_number": d.invoice_number,
                       "invoice_date": d.invoice_date, "due_date": d.due_date} for d in docs]}


@router.get("/dossiers/{dossier_id}/documents/{document_id}/payment-status", response_model=PaymentStatusOut)
async def payment_status(dossier_id: UUID, document_id: UUID, request: Request,
                         who: Principal = Depends(require("payment.view"))) -> dict:
    """PAY-7: 'payment in progress' from the payment's creation (or its execution) until the bank's statement or the
    accounting software shows the invoice paid; a cancelled payment clears it (issue 17 item 1)."""
    async with pool(request).acquire() as conn:
        payment = await payments_repo.of_document(conn, dossier_id, document_id)
        doc = await replica.document(conn, dossier_id, document_id)
    in_progress = payment is not None and not (doc and doc.paid)
    return {"document_id": document_id, "payment_in_progress": in_progress,
            "payment": payment_json(payment) if payment else None,
            "executed": payment is not None and payment.state is State.EXECUTED,
            "paid_in_accounting": bool(doc and doc.paid), "payable": doc is not None}
