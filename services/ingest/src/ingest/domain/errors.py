"""The errors of the ingest service: each names the problem, with an HTTP status and a stable code."""
from __future__ import annotations

from typing import Any

from runtime.errors import ServiceError


class IngestError(ServiceError):
    """Something the caller asked cannot be done; ``message`` is safe to show, ``filename`` names the file."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, filename: str | None = None) -> None:
        super().__init__(message)
        self.filename = filename

    def extra(self) -> dict[str, Any]:
        return {**super().extra(), **({"filename": self.filename} if self.filename else {})}


class Rejected(IngestError):
    """A file was refused; nothing of it was stored."""

    status = 422
    code = "rejected"


class UnsupportedType(Rejected):
    code = "unsupported_type"


class EmptyFile(Rejected):
    code = "empty_file"


class TooLarge(Rejected):
    status = 413
    code = "too_large"


class TooManyPages(Rejected):
    code = "too_many_pages"


class DecompressionBomb(Rejected):
    code = "decompression_bomb"


class TooManyPixels(Rejected):
    """The photos of one request add up to more pixels than may be decoded for it."""

    status = 413
    code = "too_many_pixels"


class BadArchive(Rejected):
    code = "bad_archive"


class TooManyFiles(Rejected):
    code = "too_many_files"


class UnreadableMail(Rejected):
    """An e-mail that cannot be read safely (too deeply nested, broken beyond parsing)."""

    code = "unreadable_mail"


class NotFound(IngestError):
    status = 404
    code = "not_found"


class Conflict(IngestError):
    status = 409
    code = "conflict"


class InvalidSelection(IngestError):
    """A page selection for a split or merge that does not fit the document(s)."""

    status = 422
    code = "invalid_selection"


class NotSplittable(Conflict):
    """The document's pages cannot be read (encrypted, corrupt, not a PDF)."""

    code = "not_splittable"


class StatementRefused(Rejected):
    """A bank statement file that cannot be imported: malformed, unbalanced, several statements; its code is
    runtime.bankfiles' reason when there is one."""

    code = "statement_refused"
    also_codes = ("malformed_statement", "unsupported_statement", "unbalanced_statement", "several_statements")

    def __init__(self, message: str, *, filename: str | None = None, reason: str = "") -> None:
        super().__init__(message, filename=filename)
        self.code = reason or self.code
