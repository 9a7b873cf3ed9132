"""What every payments route shares: the pool and store on the app, the dossier replica, JSON shapes, errors."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from runtime.auth.policy import Forbidden
from runtime.auth.principal import Principal
from runtime.http import error_response
from runtime.storage import ObjectStorage

from payments.adapters import replica
from payments.domain.errors import Conflict, InvalidPayment, NotAllowed, NotFound, PaymentError
from payments.domain.payment import Payment

_STATUS = {InvalidPayment: 422, NotFound: 404, Conflict: 409, NotAllowed: 403}


def pool(request: Request) -> asyncpg.Pool:
    return request.app.state.payments_pool


def store(request: Request) -> ObjectStorage:
    return request.app.state.payments_store


def user_id(who: Principal) -> UUID:
    """The caller as a user id (client users and collaborators are UUIDs in tokens)."""
    try:
        return UUID(who.subject)
    except ValueError:
        raise Forbidden("payments are made by users, not by this caller") from None


async def dossier_of(request: Request, dossier_id: UUID) -> replica.Dossier:
    """The replica of a dossier the policy already let the caller reach."""
    found = await replica.dossier(pool(request), dossier_id)
    if found is None:  # the resolver found it a moment ago; answer as for an unknown dossier
        raise Forbidden("unknown dossier")
    return found


def payment_json(p: Payment) -> dict[str, Any]:
    return {
        "id": p.id, "dossier_id": p.dossier_id, "document_id": p.document_id, "method": p.method.value,
        "state": p.state.value, "amount": str(p.amount), "currency": "EUR",
        "creditor": {"name": p.creditor.name, "iban": p.creditor.iban, "bic": p.creditor.bic},
        "communication": {"kind": p.communication.kind.value, "text": p.communication.text},
        "execution_date": p.execution_date, "initiated_by": p.initiated_by, "rule_id": p.rule_id,
        "approvals": [{"user_id": u, "approved_at": at} for u, at in sorted(p.approvals.items(), key=lambda i: i[1])],
        "sepa_file_id": p.sepa_file_id, "executed_at": p.executed_at,
    }


async def _on_payment_error(request: Request, exc: PaymentError) -> JSONResponse:
    status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 400)
    if isinstance(exc, InvalidPayment):
        fields = [{"field": f, "message": str(m), "code": getattr(m, "code", "invalid"),
                   "params": getattr(m, "params", {})} for f, m in exc.problems.items()]
        return error_response(422, exc.code, exc.message, fields=fields)
    return error_response(status, exc.code, exc.message, reason=exc.reason, params=exc.params)


def install(app: FastAPI) -> None:
    """Answer the domain's refusals as house-style JSON errors (422 with fields, 404, 409, 403)."""
    app.add_exception_handler(PaymentError, _on_payment_error)
