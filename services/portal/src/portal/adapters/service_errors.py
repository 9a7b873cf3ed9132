"""What a platform service answered when it refused or failed a call, as the portal's clients raise it.

Every service answers errors in the platform shape ``{"error": {"code", "message", "fields"?, "params"?, ...}}``
(runtime.http). Each client turns such an answer into its own service's class (``OfficeError``,
``WorklistError``, ``PaymentsError``, ...), all ``ServiceCallError``s with the status, the code and its params, and
every field named (``details``); an unreachable service or a 5xx is a ``ServiceUnavailable``. Pages catch
``ServiceCallError`` and say the code in the reader's language (entrypoints.feedback).
"""
from __future__ import annotations

from typing import Any, TypeVar

import httpx


class ServiceCallError(Exception):
    """A service refused or failed a call: HTTP status, error code, message and per-field messages."""

    service = "service"

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None,
                 retry_after: int | None = None, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.fields = status, code, message, dict(fields or {})
        self.retry_after = retry_after
        # every field the service named: full dotted path, stable code (translated by the portal), English message
        self.details = list(details or [])
        self.reason = ""  # a conflict's stable reason (409), e.g. "already_active"
        self.params: dict[str, Any] = {}  # the code's (or reason's) values, for a translated text (issue 15 item 3)


class ServiceUnavailable(ServiceCallError):
    """The service could not be reached or answered 5xx: the page says so and nothing is lost."""

    def __init__(self, message: str, service: str | None = None) -> None:
        super().__init__(503, "unavailable", message)
        self.service = service or self.service


E = TypeVar("E", bound=ServiceCallError)


def _details(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields an error names, each {field, code, message, params}; a conflict's single ``field`` counts too."""
    items = [i for i in payload.get("fields") or () if isinstance(i, dict) and i.get("field")]
    if not items and payload.get("field"):
        items = [{"field": payload["field"], "code": payload.get("reason") or "conflict", "message": payload.get("message")}]
    return [{"field": str(i["field"]), "code": str(i.get("code") or "invalid"), "message": str(i.get("message") or ""),
             "params": i["params"] if isinstance(i.get("params"), dict) else {}} for i in items]


def _fields(details: list[dict[str, Any]]) -> dict[str, str]:
    """Messages by the last part of each field's path (what a flat form names its inputs)."""
    out: dict[str, str] = {}
    for item in details:
        name = next((p for p in reversed(item["field"].split(".")) if not p.isdigit()), item["field"])
        out.setdefault(name, item["message"])
    return out


def error_of(response: httpx.Response, kind: type[E], unavailable: type[ServiceCallError] | None = None
             ) -> ServiceCallError:
    """The ``kind`` an error response stands for (any body shape); a 5xx is ``unavailable`` (a ServiceUnavailable
    of the kind's service when none is given)."""
    try:
        payload = response.json().get("error") or {}
    except (ValueError, AttributeError):
        payload = {}
    if response.status_code >= 500:
        message = payload.get("message") or f"{kind.service} answered {response.status_code}"
        return unavailable(message) if unavailable else ServiceUnavailable(message, kind.service)
    retry = response.headers.get("retry-after", "")
    details = _details(payload)
    error = kind(response.status_code, str(payload.get("code") or response.status_code),
                 str(payload.get("message") or response.reason_phrase), _fields(details),
                 retry_after=int(retry) if retry.isdigit() else None, details=details)
    error.reason = str(payload.get("reason") or "")
    error.params = payload["params"] if isinstance(payload.get("params"), dict) else {}
    return error
