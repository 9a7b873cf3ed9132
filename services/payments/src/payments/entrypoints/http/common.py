"""What every payments route shares: the dependencies (runtime.http.deps), the dossier replica, JSON shapes (errors
are runtime ServiceErrors, answered by the runtime's handler)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from fastapi import Request
from runtime.auth.policy import Forbidden
from runtime.auth.principal import Principal
from runtime.http import deps
from runtime.storage import ObjectStorage

from payments.adapters import replica
from payments.domain.payment import Payment
from payments.handlers.context import Deps


def deps_of(request: Request) -> Deps:
    """payments' dependencies, built once at start (runtime.http.deps, typed)."""
    return deps(request)


def pool(request: Request) -> asyncpg.Pool:
    """The service's database pool."""
    return deps_of(request).pool


def store(request: Request) -> ObjectStorage:
    """The object store the SEPA files are kept in."""
    return deps_of(request).store


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
        "debtor": {"name": p.debtor.name, "iban": p.debtor.iban, "bic": p.debtor.bic} if p.debtor else None,
    }
