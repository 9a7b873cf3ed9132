"""The office service's errors: each says what went wrong in words a caller can act on."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runtime.errors import ServiceError


class OfficeError(ServiceError):
    """Base of the office errors; ``status`` and ``code`` are how HTTP shows them (runtime's ServiceError)."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, **kw: Any) -> None:
        super().__init__(message, **kw)


@dataclass(frozen=True)
class FieldError:
    """One bad field: its dotted path, a stable ``code`` a client can translate, and an English message."""

    field: str
    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class InvalidInput(OfficeError):
    """Fields of the request are wrong; ``field`` names the first (dotted path), ``errors`` lists them all."""

    status, code = 422, "validation_error"

    def __init__(self, field: str, message: str, code: str = "invalid", *, more: tuple[FieldError, ...] = ()) -> None:
        self.errors = (FieldError(field, code, message), *more)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors),
                         fields=[e.as_json() for e in self.errors])
        self.field = field
        self.detail = message


class NotFound(OfficeError):
    """The object does not exist in the caller's office (or dossier)."""

    status, code = 404, "not_found"


class Conflict(OfficeError):
    """The change clashes with the current state; ``field`` names what clashes (or None), ``reason`` is a stable code."""

    status, code = 409, "conflict"

    def __init__(self, message: str, *, field: str | None = None, reason: str = "conflict") -> None:
        concerned = [{"field": field, "code": reason, "message": message}] if field else []
        super().__init__(message, fields=concerned)
        self.field = field
        self.reason = reason

    def extra(self) -> dict[str, Any]:
        return {"field": self.field, "reason": self.reason, "fields": self.fields}


class LoginFailed(OfficeError):
    """Wrong e-mail or password, or a disabled account (one message for all: no enumeration)."""

    status, code = 401, "unauthenticated"

    def __init__(self) -> None:
        super().__init__("wrong e-mail or password")


class TooManyRequests(OfficeError):
    """Too many requests of one kind: try again after ``retry_after`` seconds."""

    status, code = 429, "too_many_requests"

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(message or f"too many requests: try again in {retry_after} s",
                         headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after


class LockedOut(TooManyRequests):
    """Too many failed logins for this account (from this address): try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after, f"too many failed logins: try again in {retry_after} s")


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
