"""The way to a dossier's payments: the payments service on behalf of the user and the module check (PAY-10)."""
from __future__ import annotations

from portal.adapters.payments import PaymentsClient, payments_http
from portal.domain.navigation import dossier_of
from portal.entrypoints.guard import User
from portal.entrypoints.web import PageError, forbidden
from portal.i18n import N_


def payments_for(user: User) -> PaymentsClient:
    """payments on behalf of the user (their current access token)."""
    return PaymentsClient(payments_http(user.request), user.api.session.tokens.access)


def need(user: User, action: str, dossier_id: str) -> None:
    """403 unless the matrix allows the action; saying so when it is the dossier's payment module that is off."""
    if user.may(action, dossier_id):
        return
    summary = dossier_of(user.me, dossier_id)
    if summary is not None and summary.get("payment_module") is False:
        raise PageError(403, N_("Payments are off"), N_("The payment module is not switched on for this dossier."))
    raise forbidden()
