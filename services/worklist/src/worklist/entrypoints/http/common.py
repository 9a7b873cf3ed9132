"""What every worklist route shares: dependencies, the dossier, the caller, a second permission, views (errors are
runtime ServiceErrors, answered by the runtime's handler)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

import jwt
from fastapi import Request
from fastapi.encoders import jsonable_encoder
from runtime.auth.fastapi import bearer_token
from runtime.auth.policy import authorize, is_allowed
from runtime.auth.principal import Principal
from runtime.http import deps

from worklist.adapters import replica
from worklist.domain.errors import NotFound
from worklist.domain.proposal import accounts_of, vat_rates_of
from worklist.domain.statuses import EDITABLE, missing_fields
from worklist.handlers.actions import new_correlation_id
from worklist.handlers.context import Caller, Deps
from worklist.handlers.reading import Opened


def deps_of(request: Request) -> Deps:
    """The worklist's dependencies, built once at start (runtime.http.deps, typed)."""
    return deps(request)


def caller_of(request: Request, principal: Principal) -> Caller:
    """The acting person, with the name of the (already verified) token and the request's correlation id."""
    try:
        claims = jwt.decode(bearer_token(request), options={"verify_signature": False})
    except jwt.PyJWTError:
        claims = {}
    correlation = request.headers.get("x-correlation-id") or new_correlation_id()
    return Caller(principal, name=claims.get("name"), correlation_id=correlation[:200], token=bearer_token(request))


async def dossier_of(request: Request, dossier_id: UUID) -> dict[str, Any]:
    """The replicated dossier of the path (authorization has already placed it)."""
    found = await replica.dossier(deps_of(request).pool, dossier_id)
    if found is None:
        raise NotFound("unknown dossier")
    return found


async def also_require(request: Request, principal: Principal, action: str, dossier_id: UUID) -> None:
    """Authorize a second action on the path's dossier (e.g. review while saving): Forbidden → 403."""
    ref = await request.app.state.dossier_resolver(str(dossier_id))
    authorize(principal, action, ref)


async def may(request: Request, principal: Principal, action: str, dossier_id: UUID) -> bool:
    """Whether the caller may also do an action on the dossier (no exception)."""
    ref = await request.app.state.dossier_resolver(str(dossier_id))
    return ref is not None and is_allowed(principal, action, ref)


def row_view(row: Mapping[str, Any]) -> dict[str, Any]:
    """A proposal as a list row (WL-2)."""
    content = row["content"]
    journal, counterparty = content.get("journal"), content.get("counterparty")
    return jsonable_encoder({
        "id": row["proposal_id"], "document_id": row["document_id"], "mailbox": row["mailbox"],
        "origin": content.get("origin"), "document_kind": content.get("document_kind"),
        "journal": {"code": journal["code"], "name": journal.get("name")} if journal else None,
        "invoice_date": content.get("invoice_date"), "period": (content.get("period") or {}).get("code"),
        "invoice_number": content.get("invoice_number"), "document_number": content.get("document_number"),
        "counterparty": {k: counterparty.get(k) for k in ("name", "status", "reference", "vat_number")}
        if counterparty else None,
        "accounts": accounts_of(content), "vat_rates": vat_rates_of(content),
        "gross": (content.get("totals") or {}).get("gross"), "processed_at": row["processed_at"],
        "page_count": row["page_count"], "note": row["note"], "status": row["status"],
        "help_needed": row["help_needed"], "help_note": row["help_note"], "duplicate": row["duplicate"],
        "rejection_reason": row["rejection_reason"], "rejection_code": row.get("rejection_code"),
        "rejection_params": row.get("rejection_params") or {}, "booking_reference": row["booking_reference"],
        "version": row["version"], "misc_type": row["misc_type"],
    })


def proposal_view(opened: Opened) -> dict[str, Any]:
    """A proposal as the annotation screen shows it (WL-5..8)."""
    row, document, can_undo = opened.proposal.as_row(), opened.document, opened.can_undo
    content = row["content"]
    doc = None
    if document is not None:
        doc = {"filename": document.filename, "content_type": document.content_type,
               "content_path": f"/dossiers/{row['dossier_id']}/documents/{row['document_id']}/content"}
    counterparty = content.get("counterparty")
    return {**row_view(row), **jsonable_encoder({
        # the whole counterparty: the annotation screen edits its country and IBAN, a payment is prepared from it
        "counterparty": {k: counterparty.get(k) for k in ("name", "status", "reference", "vat_number", "country",
                                                          "iban")} if counterparty else None,
        "office_id": row["office_id"], "dossier_id": row["dossier_id"], "due_date": content.get("due_date"),
        "payment_reference": content.get("payment_reference"), "currency": content.get("currency", "EUR"),
        "foreign": content.get("foreign"), "totals": content.get("totals"), "lines": content.get("lines") or [],
        "comment": row["comment"], "warnings": content.get("warnings") or [], "reasons": row["reasons"],
        "confidence": row["confidence"], "field_confidence": row["field_confidence"],
        "missing": missing_fields(content) if row["mailbox"] != "misc" else [], "words_key": row["words_key"],
        "document": doc, "can_undo": can_undo, "editable": row["status"] in EDITABLE,
        "created_at": row["created_at"], "updated_at": row["updated_at"], "sent_at": row["sent_at"],
        "validated_by": row["validated_by"], "e_invoice_check": row["e_invoice_check"],
        "searchable_pdf": bool(row["searchable_pdf_key"]),
    })}
