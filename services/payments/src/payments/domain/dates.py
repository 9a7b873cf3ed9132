"""Payment dates: the dossier's default payment date (PAY-10) and the date a SEPA file asks for (PAY-5)."""
from __future__ import annotations

from datetime import date
from typing import Literal

DefaultDate = Literal["due_date", "invoice_date", "today"] | None


def default_payment_date(setting: DefaultDate, *, today: date, due: date | None = None,
                         invoice: date | None = None) -> date:
    """The date a new payment of a document is prefilled with (PAY-10).

    ``due_date`` (also when the dossier sets nothing) takes the invoice's due date, ``invoice_date`` its
    issue date; a date the document lacks falls back to today.
    """
    if setting == "today":
        return today
    if setting == "invoice_date":
        return invoice or today
    return due or today


def execution_date(requested: date | None, *, today: date) -> date:
    """PAY-5: a requested date of today or in the past (or none) becomes the file's creation date."""
    if requested is None or requested <= today:
        return today
    return requested
