"""Payment dates: the dossier's default payment date (PAY-10), the dates a person may ask for and the date a SEPA
file asks for (PAY-5)."""
from __future__ import annotations

from datetime import date
from typing import Literal

from payments.domain.errors import Code, Problem

DefaultDate = Literal["due_date", "invoice_date", "today"] | None


def default_payment_date(setting: DefaultDate, *, today: date, due: date | None = None,
                         invoice: date | None = None) -> date:
    """The date a new payment of a document is prefilled with (PAY-10).

    ``due_date`` (also when the dossier sets nothing) takes the invoice's due date, ``invoice_date`` its
    issue date; a date the document lacks, or one already past, becomes today.
    """
    if setting == "today":
        return today
    chosen = (invoice if setting == "invoice_date" else due) or today
    return max(chosen, today)  # a due date already past: pay today (issue 15 item 11)


def a_year_after(day: date) -> date:
    """The same day a year later (29 February: the 28th)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def check_execution_date(requested: date, *, today: date) -> Problem | None:
    """A date a person asks for: not before today, at most a year ahead (drafts dated 0001-01-01 and 9999-12-31
    existed, issue 15 item 11); None when it is fine."""
    latest = a_year_after(today)
    if requested < today:
        return Problem(Code.DATE_IN_PAST, f"must be today ({today.isoformat()}) or later", earliest=today.isoformat())
    if requested > latest:
        return Problem(Code.DATE_TOO_FAR, f"at most a year ahead ({latest.isoformat()})", latest=latest.isoformat())
    return None


def execution_date(requested: date | None, *, today: date) -> date:
    """PAY-5: a requested date of today or in the past (or none) becomes the file's creation date."""
    if requested is None or requested <= today:
        return today
    return requested
