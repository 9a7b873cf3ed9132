"""The worklist's errors: each carries the HTTP status, a stable code and a message naming the problem."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One bad field of a request: its path (e.g. 'lines.2.account'), a code and a readable message."""

    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class WorklistError(Exception):
    """Base of the worklist's errors."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


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
