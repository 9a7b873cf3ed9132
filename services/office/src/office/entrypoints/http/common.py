"""What every office route shares: its dependencies, the authenticated caller, and domain errors as JSON."""
from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from runtime.auth.fastapi import bearer_token
from runtime.http import error_response

from office.domain.errors import InvalidInput, LockedOut, OfficeError
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


async def caller(request: Request) -> Caller:
    """The authenticated caller of the request (a FastAPI dependency)."""
    return await authenticate(deps_of(request), bearer_token(request))


def office_error_response(exc: OfficeError) -> Response:
    """The house JSON error of a domain error (422 names the field; 429 says when to retry)."""
    if isinstance(exc, InvalidInput):
        return error_response(exc.status, exc.code, exc.message, fields=[{"field": exc.field, "message": exc.detail}])
    response = error_response(exc.status, exc.code, exc.message)
    if isinstance(exc, LockedOut):
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
