"""Errors the runtime tells apart: a message that cannot be applied, a passing outage, and a request a service
refuses (``ServiceError``, answered by runtime.http in the house JSON shape)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class PermanentError(Exception):
    """The message can never be applied as it is (bad content, broken rule): dead-letter it at once."""


# Failures of the infrastructure, not of the message: the message is kept and retried
# later instead of being dead-lettered, so an outage loses nothing (runtime.outage tells them apart).
def is_infrastructure_error(exc: BaseException) -> bool:
    """True for a passing outage of a dependency (database, object store or broker unreachable)."""
    from runtime.outage import is_outage  # local: keep this module importable without drivers

    return is_outage(exc)


class ServiceError(Exception):
    """A request a service refuses: HTTP ``status``, a stable ``code`` a client translates, an English ``message``
    safe to show, the bad ``fields`` (each ``{field, message, code?, params?}``) and the ``params`` the code's text
    names. runtime.http answers it as ``{"error": {"code", "message", "fields"?, "params"?}}`` with ``headers``.

    A service declares its refusals as subclasses with ``status`` and ``code`` as class attributes (raise
    ``NotFound("no such document")``), or raises ``ServiceError(404, "not_found", "…")`` directly with a code one
    of its classes declares. ``codes_of`` enumerates the codes a hierarchy can give, so a client can check it has
    a text for each; ``also_codes`` lists codes a class gives besides its own ``code``.
    """

    status: int = 400
    code: str = "bad_request"
    also_codes: tuple[str, ...] = ()

    def __init__(self, *args: Any, fields: Iterable[Mapping[str, Any]] = (), params: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        """``(message)`` for a subclass, or ``(status, code, message)``."""
        if len(args) == 3:
            self.status, self.code, message = int(args[0]), str(args[1]), str(args[2])
        elif len(args) == 1:
            message = str(args[0])
        else:
            raise TypeError("ServiceError takes (message) or (status, code, message)")
        super().__init__(message)
        self.message = message
        self.fields = [dict(f) for f in fields]
        self.params = {k: str(v) for k, v in (params or {}).items()}
        self.headers = dict(headers or {})

    def extra(self) -> dict[str, Any]:
        """The error object's keys beside code and message; subclasses whose callers expect more add them here."""
        extra: dict[str, Any] = {}
        if self.fields:
            extra["fields"] = self.fields
        if self.params:
            extra["params"] = self.params
        return extra


def codes_of(*bases: type[ServiceError]) -> set[str]:
    """Every code the classes and their subclasses declare (``code`` and ``also_codes``)."""
    found: set[str] = set()
    seen: set[type] = set()
    todo = list(bases)
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        found.update((cls.code, *cls.also_codes))
        todo.extend(cls.__subclasses__())
    return found
