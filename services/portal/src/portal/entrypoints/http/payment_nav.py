"""The way to a dossier's payments: the payments service on behalf of the user, the module check (PAY-10) and the
document a payment pays."""
from __future__ import annotations

from typing import Any

from portal.adapters.service_errors import ServiceCallError
from portal.adapters.payments import PaymentsClient
from portal.domain.navigation import dossier_of
from portal.entrypoints.http.documents import ingest_for
from portal.entrypoints.http.guard import User
from portal.entrypoints.http.web import PageError, forbidden
from portal.i18n import N_


def payments_for(user: User) -> PaymentsClient:
    """payments on behalf of the user (their current access token)."""
    return PaymentsClient(user.portal.services["payments"], user.api.session.tokens.access)


MAKE = ("payment.create", "payment.prepare")  # the client makes a payment; the office prepares one (PAY-10)


def need(user: User, action: str | tuple[str, ...], dossier_id: str) -> None:
    """403 unless the matrix allows the action (one of them); saying so when it is the dossier's payment module that
    is off."""
    if any(user.may(a, dossier_id) for a in ((action,) if isinstance(action, str) else action)):
        return
    summary = dossier_of(user.me, dossier_id)
    if summary is not None and summary.get("payment_module") is False:
        raise PageError(403, N_("Payments are off"), N_("The payment module is not switched on for this dossier."))
    raise forbidden()


async def debtor_accounts(user: User, dossier_id: str) -> dict[str, Any]:
    """PAY-3: the dossier's accounts to pay from, the default first (``accounts``, ``default``, ``holder``)."""
    return await payments_for(user).debtor_accounts(dossier_id)


async def paid_document(user: User, dossier_id: str, document_id: str | None) -> dict[str, Any] | None:
    """The document a payment pays, shown beside its form (issue 15 item 11): ingest's record (name, pages) when the
    user may see documents; None otherwise or when ingest does not know it."""
    if not document_id or not user.may("document.view", dossier_id):
        return None
    try:
        found = await ingest_for(user).call("GET", f"/dossiers/{dossier_id}/documents/{document_id}")
    except ServiceCallError:
        return None
    pages = int(found.get("page_count") or 1)
    return {"id": document_id, "filename": found.get("filename") or "", "pages": list(range(1, min(pages, 5) + 1))}
