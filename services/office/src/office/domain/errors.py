"""The office service's errors: each says what went wrong in words a caller can act on."""
from __future__ import annotations


class OfficeError(Exception):
    """Base of the office errors; ``status`` and ``code`` are how HTTP shows them."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(OfficeError):
    """A field of the request is wrong; ``field`` names it (dotted path)."""

    status, code = 422, "validation_error"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


class NotFound(OfficeError):
    """The object does not exist in the caller's office (or dossier)."""

    status, code = 404, "not_found"


class Conflict(OfficeError):
    """The change clashes with the current state (duplicate e-mail, already active...)."""

    status, code = 409, "conflict"


class LoginFailed(OfficeError):
    """Wrong e-mail or password, or a disabled account (one message for all: no enumeration)."""

    status, code = 401, "unauthenticated"

    def __init__(self) -> None:
        super().__init__("wrong e-mail or password")


class LockedOut(OfficeError):
    """Too many failed logins for this account: try again after ``retry_after`` seconds."""

    status, code = 429, "too_many_requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins: try again in {retry_after} s")
        self.retry_after = retry_after


class InvalidLink(OfficeError):
    """A password-reset or welcome link is unknown, used or expired."""

    status, code = 400, "invalid_link"

    def __init__(self) -> None:
        super().__init__("this link is invalid or has expired: ask for a new one")


class InvalidRefreshToken(OfficeError):
    """A refresh token is unknown, already used, revoked or expired, or its user is disabled."""

    status, code = 401, "unauthenticated"

    def __init__(self, reason: str = "refresh token is invalid") -> None:
        super().__init__(reason)
