"""The worklist's errors: each carries the HTTP status, a stable code and a message naming the problem."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from runtime.errors import ServiceError


class FieldCode(StrEnum):
    """Every code a refused field carries (422 ``fields[].code``); a portal says each in its reader's language (issue
    15 item 3). ``tests/unit/test_field_codes.py`` reads the worklist's source and fails on a code not listed here."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    BAD_VALUE = "bad_value"
    BAD_DATE = "bad_date"
    BAD_AMOUNT = "bad_amount"
    BAD_MAILBOX = "bad_mailbox"
    BAD_KIND = "bad_kind"
    UNKNOWN_JOURNAL = "unknown_journal"
    JOURNAL_TYPE = "journal_type"
    UNKNOWN_PERIOD = "unknown_period"
    CLOSED_PERIOD = "closed_period"
    BAD_COUNTERPARTY = "bad_counterparty"
    UNKNOWN_COUNTERPARTY = "unknown_counterparty"
    BAD_VAT_NUMBER = "bad_vat_number"
    BAD_COUNTRY = "bad_country"
    BAD_IBAN = "bad_iban"
    BAD_LINES = "bad_lines"
    BAD_LINE = "bad_line"
    UNKNOWN_ACCOUNT = "unknown_account"
    UNKNOWN_VAT_CODE = "unknown_vat_code"
    BAD_TOTALS = "bad_totals"
    VAT_WITHOUT_CODE = "vat_without_code"
    UNKNOWN_TYPE = "unknown_type"
    UNKNOWN_USER = "unknown_user"


@dataclass(frozen=True)
class FieldProblem:
    """One bad field of a request: its path (e.g. 'lines.2.account'), a code and a readable message."""

    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class WorklistError(ServiceError):
    """Base of the worklist's errors (runtime ServiceErrors); ``fields`` are the bad fields' problems, if any."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(message)
        self.fields = fields  # type: ignore[assignment]  # FieldProblems, said as dicts by extra()

    def extra(self) -> dict[str, Any]:
        """Every bad field, and ``field`` when there is just one."""
        if not self.fields:
            return {}
        single = {"field": self.fields[0].field} if len(self.fields) == 1 else {}
        return {"fields": [f.as_dict() for f in self.fields], **single}


class NotFound(WorklistError):
    """The proposal is not in this dossier (or never existed)."""

    status, code = 404, "not_found"


class WrongStatus(WorklistError):
    """The action is not possible in the proposal's current status."""

    status, code = 409, "wrong_status"


class StaleVersion(WorklistError):
    """Someone saved the proposal since the caller loaded it."""

    status, code = 409, "stale_version"


class NothingToUndo(WorklistError):
    """No earlier version to go back to."""

    status, code = 409, "nothing_to_undo"


class Invalid(WorklistError):
    """One or more fields are refused; `fields` names every one."""

    status, code = 422, "invalid"

    @classmethod
    def of(cls, problems: list[FieldProblem]) -> "Invalid":
        return cls("; ".join(f"{p.field}: {p.message}" for p in problems), fields=tuple(problems))


class Incomplete(WorklistError):
    """Review asked while mandatory fields are empty; `fields` lists them."""

    status, code = 422, "incomplete"


class VatWithoutCode(WorklistError):
    """A line has a VAT amount but no VAT code: the software would book it without VAT (a total other than
    the one validated); `fields` names each such line's VAT code."""

    status, code = 422, "vat_without_code"


class DocumentUnknown(WorklistError):
    """The file of the proposal's document is not known (no document.received seen for it)."""

    status, code = 409, "document_unknown"
