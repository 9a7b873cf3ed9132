"""The FastAPI application every service starts from: health, readiness, metrics, tracing, JSON errors, and the
edge checks every request passes before a route runs (body limits, unstorable text).

Errors always have the shape ``{"error": {"code": ..., "message": ...}}`` (validation errors
add ``fields``), so clients and the portal handle them one way. A service's own refusals are
``runtime.errors.ServiceError``s, answered by the one handler here; ``CODES`` are the codes the app itself gives.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException

from runtime.auth.policy import Forbidden
from runtime.auth.tokens import KeysUnavailable, Unauthenticated
from runtime.edge import TextCheckMiddleware
from runtime.edge_forms import UnstorableText
from runtime.errors import ServiceError
from runtime.http_metrics import HttpMetricsMiddleware
from runtime.limits import BodyLimitMiddleware, BodyLimits
from runtime.outage import install_outage_handlers
from runtime.telemetry import TracingMiddleware

log = logging.getLogger(__name__)
Readiness = Callable[[], Awaitable[bool]]
READINESS_TIMEOUT_S = 5.0
_HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 429: "too_many_requests"}
CODES = frozenset({*_HTTP_CODES.values(), "error", "server_error", "validation_error", "auth_unavailable",
                   "internal_error", "unavailable"})  # "unavailable": runtime.outage's 503


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    """A JSON error in the house shape."""
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status_code=status)


def _field_name(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"} and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


async def _on_validation(request: Request, exc: RequestValidationError | UnstorableText) -> JSONResponse:
    fields = [{"field": _field_name(e.get("loc", ())), "message": e.get("msg", "invalid")} for e in exc.errors()]
    message = "; ".join(f"{f['field']}: {f['message']}" for f in fields) or "invalid request"
    return error_response(422, "validation_error", message, fields=fields)


async def _on_service_error(request: Request, exc: ServiceError) -> JSONResponse:
    response = error_response(exc.status, exc.code, exc.message, **exc.extra())
    response.headers.update(exc.headers)
    return response


async def _on_unauthenticated(request: Request, exc: Unauthenticated) -> JSONResponse:
    response = error_response(401, "unauthenticated", exc.reason)
    response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


async def _on_forbidden(request: Request, exc: Forbidden) -> JSONResponse:
    return error_response(403, "forbidden", exc.reason)


async def _on_keys_unavailable(request: Request, exc: KeysUnavailable) -> JSONResponse:
    log.error("cannot check tokens: %s", exc)
    return error_response(503, "auth_unavailable", "signing keys are unavailable, try again shortly")


async def _on_http(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=exc.headers)
    code = _HTTP_CODES.get(exc.status_code, "error" if exc.status_code < 500 else "server_error")
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    response = error_response(exc.status_code, code, detail)
    response.headers.update(exc.headers or {})
    return response


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error")


def install_error_handlers(app: FastAPI) -> None:
    """Answer a service's refusals, validation (422), unauthenticated (401), forbidden (403) and other errors as JSON."""
    app.add_exception_handler(ServiceError, _on_service_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(UnstorableText, _on_validation)  # runtime.edge_forms: a multipart text field
    app.add_exception_handler(Unauthenticated, _on_unauthenticated)
    app.add_exception_handler(Forbidden, _on_forbidden)
    app.add_exception_handler(KeysUnavailable, _on_keys_unavailable)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_unexpected)


def deps(request: Request) -> Any:
    """The service's dependencies its ServiceSpec.deps built at start (runtime.service.http_app puts them on
    app.state.deps); routes take them with `Depends(deps)` or call it on their request."""
    return request.app.state.deps


def metrics_response() -> Response:
    """The Prometheus exposition of the shared registry."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def _probe_router(service: str, readiness: Readiness | None, *, metrics: bool) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": service}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        ready, reason = await _is_ready(readiness)
        body = {"status": "ready" if ready else "not ready", "service": service}
        return JSONResponse(body if ready else {**body, "reason": reason}, status_code=200 if ready else 503)

    if metrics:
        @router.get("/metrics")
        async def metrics_page() -> Response:
            return metrics_response()

    return router


async def _is_ready(readiness: Readiness | None) -> tuple[bool, str]:
    if readiness is None:
        return True, ""
    try:
        ready = await asyncio.wait_for(readiness(), READINESS_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - a failing check means "not ready", with the reason
        return False, f"readiness check failed: {type(exc).__name__}: {exc}"
    return bool(ready), "" if ready else "dependencies not ready"


def install_edge_checks(app: FastAPI, settings: Any) -> None:
    """Body limits (413) and unstorable text (422) checked inside the router, so the app's error handlers answer."""
    router = app.router
    router.middleware_stack = BodyLimitMiddleware(TextCheckMiddleware(router.middleware_stack),
                                                  limits=BodyLimits.of(settings))


def _docs_off(public: bool, settings: Any) -> dict[str, None]:
    """A public app (the portal) serves no OpenAPI pages unless BF_HTTP_DOCS turns them on."""
    if public and not getattr(settings, "http_docs", False):
        return {"docs_url": None, "redoc_url": None, "openapi_url": None}
    return {}


def create_http_app(
    service: str, *, settings: Any, extra_routers: Iterable[APIRouter] = (), readiness: Readiness | None = None,
    token_verifier: Any | None = None, public: bool = False, **fastapi_kw: Any,
) -> FastAPI:
    """The FastAPI app of a service with /healthz, /readyz, /metrics, tracing, edge checks and JSON error handlers.

    ``readiness`` is awaited on each /readyz (503 until it returns True; none means ready).
    ``token_verifier`` is put on ``app.state`` for runtime.auth.fastapi.
    ``public``: the app faces the internet (the portal): no OpenAPI pages, and /metrics only on the separate
    listener of BF_METRICS_PORT (runtime.service), as for any service that sets it.
    """
    app = FastAPI(title=service, **{**_docs_off(public, settings), **fastapi_kw})
    app.state.service = service
    app.state.settings = settings
    if token_verifier is not None:
        app.state.token_verifier = token_verifier
    app.add_middleware(TracingMiddleware)
    app.add_middleware(HttpMetricsMiddleware, service=service)  # outermost: sees every answer, 500s too
    install_error_handlers(app)
    install_outage_handlers(app)  # a dependency's passing outage: 503 + Retry-After, not 500
    install_edge_checks(app, settings)
    metrics_here = not public and not getattr(settings, "metrics_port", 0)
    app.include_router(_probe_router(service, readiness, metrics=metrics_here))
    for router in extra_routers:
        app.include_router(router)
    return app
