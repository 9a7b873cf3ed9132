"""HTTP requests counted and timed per service, route, method and status (issue 18: error rates and latency).

The route label is the route's template (``/documents/{document_id}``), never the path a caller typed, so a
scan of random URLs cannot grow the number of series: a request no route matched counts as ``(unmatched)``.
The probes (/healthz, /readyz, /metrics) are not counted: Prometheus and the supervisors call them all day.
A request whose handler raised counts as 500 even though the answer is written further out.
"""
from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HTTP_REQUESTS = Counter(
    "bf_http_requests", "HTTP requests answered, by route template, method and status code.",
    ["service", "route", "method", "status"],
)
HTTP_DURATION = Histogram(
    "bf_http_request_duration_seconds", "Time from a request's arrival to the end of its answer, by route template.",
    ["service", "route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
UNMATCHED = "(unmatched)"
PROBES = frozenset({"/healthz", "/readyz", "/metrics"})


def route_of(scope: Scope) -> str:
    """The template of the route that answered (Starlette leaves it in the scope), or ``(unmatched)``."""
    return getattr(scope.get("route"), "path", None) or UNMATCHED


class HttpMetricsMiddleware:
    """Outermost ASGI middleware: records each answered request in HTTP_REQUESTS and HTTP_DURATION."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            route = route_of(scope)
            if route not in PROBES:
                method = scope.get("method", "GET")
                HTTP_REQUESTS.labels(self.service, route, method, str(status)).inc()
                HTTP_DURATION.labels(self.service, route, method).observe(time.perf_counter() - started)
