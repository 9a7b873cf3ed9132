"""A supplier invoice's payment reference as Tryton keeps it (account_be: Belgian structured communication;
account_invoice: ISO 11649 creditor reference), so that a bank line carrying it finds the invoice (issue 17)."""
from __future__ import annotations

from stdnum import iso11649
from stdnum.be import ogm_vcs

from sync_connector.domain.ports import BookingOrder


def supplier_payment_reference(order: BookingOrder) -> dict[str, str]:
    """The invoice fields for the order's payment reference; nothing for a sale or an unknown reference."""
    reference = (order.payment_reference or "").strip()
    if order.direction != "purchase" or not reference:
        return {}
    if ogm_vcs.is_valid(reference):
        return {"supplier_payment_reference_type": "ogm_vcs", "supplier_payment_reference": ogm_vcs.compact(reference)}
    if iso11649.is_valid(reference):
        return {"supplier_payment_reference_type": "creditor_reference",
                "supplier_payment_reference": iso11649.compact(reference)}
    return {}
