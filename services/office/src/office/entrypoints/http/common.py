"""What every office route shares: its dependencies, the authenticated caller, and domain errors as JSON."""
from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from runtime.auth.fastapi import bearer_token
from runtime.http import error_response
from runtime.proxies import TrustedProxies

from office.domain.errors import Conflict, InvalidInput, OfficeError, TooManyRequests
from office.handlers.context import Caller, Deps, authenticate


def deps_of(request: Request) -> Deps:
    """The office dependencies of the app, built on first use from the running service's pool and settings."""
    deps = getattr(request.app.state, "office_deps", None)
    if deps is None:
        from office.bootstrap import build_deps  # the composition root; imported late to avoid a cycle

        runtime = request.app.state.runtime
        deps = build_deps(runtime.pool, runtime.settings)
        request.app.state.office_deps = deps
    return deps


def client_address(request: Request) -> str:
    """The client's address: the peer, or the last X-Forwarded-For hop when the peer is a trusted proxy (the portal)."""
    peer = request.client.host if request.client else "unknown"
    trusted = TrustedProxies(deps_of(request).settings.office_trusted_proxies)  # addresses or networks
    forwarded = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    return forwarded[-1][:64] if trusted.contains(peer) and forwarded else peer


async def caller(request: Request) -> Caller:
    """The authenticated caller of the request (a FastAPI dependency)."""
    return await authenticate(deps_of(request), bearer_token(request))


def office_error_response(exc: OfficeError) -> Response:
    """The house JSON error of a domain error (422 names the field; 429 says when to retry)."""
    if isinstance(exc, InvalidInput):
        return error_response(exc.status, exc.code, exc.message, fields=[e.as_json() for e in exc.errors])
    if isinstance(exc, Conflict):
        concerned = [{"field": exc.field, "code": exc.reason, "message": exc.message}] if exc.field else []
        return error_response(exc.status, exc.code, exc.message, field=exc.field, reason=exc.reason, fields=concerned)
    response = error_response(exc.status, exc.code, exc.message)
    if isinstance(exc, TooManyRequests):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


class OfficeRoute(APIRoute):
    """A route that answers the office's domain errors with the house JSON error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except OfficeError as exc:
                return office_error_response(exc)

        return route
