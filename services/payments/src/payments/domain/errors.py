"""Why a payment command is refused; the HTTP edge maps each class to one status code."""
from __future__ import annotations


class PaymentError(Exception):
    """A refused command; ``code`` is a stable label, ``message`` is safe to show the caller."""

    code = "payment_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidPayment(PaymentError):
    """Bad input (422): ``problems`` maps each bad field to what is wrong with it."""

    code = "validation_error"

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems.items()))
        self.problems = dict(problems)


class NotFound(PaymentError):
    """No such payment, rule, document or file in this dossier (404; other dossiers' ids look the same)."""

    code = "not_found"


class Conflict(PaymentError):
    """The command does not fit the current state (409): wrong state, already paid, rule in use."""

    code = "conflict"


class NotAllowed(PaymentError):
    """The caller may do payments but not this one (403): not a user of the rule, already approved."""

    code = "forbidden"
