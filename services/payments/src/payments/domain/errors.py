"""Why a payment command is refused; each class has its HTTP status (runtime ServiceErrors, answered by the runtime).

Every refusal carries a stable ``Code`` (with its values in ``params``) beside the English message, so a
portal can say it in the reader's language (issue 15 item 3); the message stays for integrators.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from runtime.errors import ServiceError


class Code(StrEnum):
    """Every reason payments gives, for a field (422) or a whole command (403, 404, 409)."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    IBAN = "iban"
    BIC = "bic"
    AMOUNT_FORMAT = "amount_format"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_CENTS = "amount_cents"
    AMOUNT_TOO_LARGE = "amount_too_large"
    COMMUNICATION_KIND = "communication_kind"
    COMMUNICATION_NOT_EMPTY = "communication_not_empty"
    STRUCTURED_COMMUNICATION = "structured_communication"
    CREDITOR_REFERENCE = "creditor_reference"
    DOCUMENT_UNKNOWN = "document_unknown"
    DOCUMENT_NOT_REVIEWED = "document_not_reviewed"
    DATE_IN_PAST = "date_in_past"
    DATE_TOO_FAR = "date_too_far"
    RULE_REQUIRED = "rule_required"
    RULE_UNKNOWN = "rule_unknown"
    RULE_TOO_SMALL = "rule_too_small"
    RULE_MISSING = "rule_missing"
    RULE_USERS = "rule_users"
    RULE_NOT_PAYERS = "rule_not_payers"
    EPC_AMOUNT = "epc_amount"
    EPC_TOO_LONG = "epc_too_long"
    SELECTION_EMPTY = "selection_empty"
    SELECTION_TOO_LARGE = "selection_too_large"
    NOT_FOUND = "not_found"
    WRONG_STATE = "wrong_state"
    DOCUMENT_PAID = "document_paid"
    WRONG_METHOD = "wrong_method"
    NOT_IN_FILE = "not_in_file"
    WRONG_RULE = "wrong_rule"
    ALREADY_APPROVED = "already_approved"
    NOT_APPROVER = "not_approver"
    RULE_NO_LONGER_COVERS = "rule_no_longer_covers"
    RULE_IN_USE = "rule_in_use"
    APPROVAL_IN_USE = "approval_in_use"
    DEBTOR_REQUIRED = "debtor_required"


class Problem(str):
    """What is wrong with one field: the English message (the str itself), its ``code`` and ``params``."""

    code: Code
    params: dict[str, Any]

    def __new__(cls, code: Code, message: str, **params: Any) -> Problem:
        problem = super().__new__(cls, message)
        problem.code, problem.params = code, {k: str(v) for k, v in params.items()}
        return problem


class PaymentError(ServiceError):
    """A refused command (a runtime ServiceError); ``code`` is a stable label, ``message`` is safe to show the caller;
    ``reason`` and ``params`` say it as a ``Code`` with its values (both always in the body)."""

    status, code = 400, "payment_error"

    def __init__(self, message: str, reason: Code | None = None, **params: Any) -> None:
        super().__init__(message, params=params)
        self.reason = reason

    def extra(self) -> dict[str, Any]:
        return {"reason": self.reason, "params": self.params}


class InvalidPayment(PaymentError):
    """Bad input (422): ``problems`` maps each bad field to what is wrong with it."""

    status, code = 422, "validation_error"

    def __init__(self, problems: dict[str, Problem]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems.items()))
        self.problems = dict(problems)

    def extra(self) -> dict[str, Any]:
        """Each bad field with its message, ``Code`` and values."""
        return {"fields": [{"field": f, "message": str(m), "code": getattr(m, "code", "invalid"),
                            "params": getattr(m, "params", {})} for f, m in self.problems.items()]}


class NotFound(PaymentError):
    """No such payment, rule, document or file in this dossier (404; other dossiers' ids look the same)."""

    status, code = 404, "not_found"


class Conflict(PaymentError):
    """The command does not fit the current state (409): wrong state, already paid, rule in use."""

    status, code = 409, "conflict"


class NotAllowed(PaymentError):
    """The caller may do payments but not this one (403): not a user of the rule, already approved."""

    status, code = 403, "forbidden"
