"""Request-body limits: one per route class, counted as the body streams in, before anything parses it.

Every app of ``runtime.http.create_http_app`` gets them. A route is of the ``default`` class (JSON bodies and
forms) unless it declares another with ``openapi_extra=UPLOAD`` (file uploads), or its composition root does
with ``declare_uploads``. The sizes are settings
(``BF_HTTP_MAX_BODY_BYTES``, ``BF_HTTP_MAX_UPLOAD_BYTES``). A declared Content-Length over the limit is refused
before a byte is read; a chunked body is refused as soon as the bytes counted pass it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KiB = 1024
MiB = 1024 * KiB
LIMIT_KEY = "x-body-limit"
DEFAULT, UPLOAD_CLASS = "default", "upload"
BODY_METHODS = {"POST", "PUT", "PATCH"}
UPLOAD: dict[str, Any] = {LIMIT_KEY: UPLOAD_CLASS}  # openapi_extra of a route that takes file uploads


@dataclass(frozen=True)
class BodyLimits:
    """The largest request body, in bytes, per route class."""

    default: int = 1 * MiB
    upload: int = 100 * MiB

    @classmethod
    def of(cls, settings: Any) -> BodyLimits:
        """The limits a service's settings give (the defaults without settings, as in some tests)."""
        return cls(default=getattr(settings, "http_max_body_bytes", cls.default),
                   upload=getattr(settings, "http_max_upload_bytes", cls.upload))

    def of_class(self, name: str) -> int:
        return self.upload if name == UPLOAD_CLASS else self.default


def declare_uploads(routers: Iterable[APIRouter], paths: Iterable[str]) -> None:
    """Give the routes of these path templates the upload class, as ``openapi_extra=UPLOAD`` would (for a
    composition root that declares its upload routes in one place). An unknown path is an error, not a no-op."""
    wanted = set(paths)
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute) and route.path_format in wanted and route.methods & BODY_METHODS:
                route.openapi_extra = {**(route.openapi_extra or {}), **UPLOAD}
                wanted.discard(route.path_format)
    if wanted:
        raise LookupError(f"no route to declare as an upload: {sorted(wanted)}")


class BodyTooLarge(HTTPException):
    """The request body is over the limit of its route class (413, the house JSON error)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over the limit of {limit} bytes for this address")
        self.limit = limit


def route_class(scope: Scope) -> str:
    """The body-limit class of the route answering ``scope``: known once the router chose it (``default`` before)."""
    route = scope.get("route")
    return (getattr(route, "openapi_extra", None) or {}).get(LIMIT_KEY, DEFAULT)


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware:
    """Counts the body as it is received and raises BodyTooLarge past the limit of the route's class.

    The limit is looked up at each receive, so it is the chosen route's (a route reads its body only after the
    router chose it); a declared Content-Length over it fails the first receive, before a byte is read.
    """

    def __init__(self, app: ASGIApp, *, limits: BodyLimits) -> None:
        self.app, self.limits = app, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = declared_length(scope)
        counted = 0

        async def limited() -> Message:
            nonlocal counted
            limit = self.limits.of_class(route_class(scope))
            if declared is not None and declared > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)
