"""OpenTelemetry tracing of a service, propagated with W3C trace-context through Kafka and HTTP.

Kafka headers and HTTP headers carry ``traceparent``/``tracestate``, so a document can be
followed across topics and services. Export is OTLP/HTTP and only when an endpoint is given.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import httpx
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from runtime import context

TRACE_HEADERS = ("traceparent", "tracestate")
_PROPAGATOR = TraceContextTextMapPropagator()
_TRACER_NAME = "bf.runtime"
_provider: TracerProvider | None = None
_exporting_to: set[str] = set()

KafkaHeaders = Sequence[tuple[str, bytes | str | None]] | Mapping[str, bytes | str | None]


class _RecordWhenExported(Sampler):
    """Records spans only once a span processor can take them: without an exporter (the default, no OTLP endpoint)
    every request, query and message would build a full span for nothing. A dropped span still has its trace
    context (inherited, or new), so traceparent keeps travelling through Kafka and HTTP and the logs keep it."""

    exporting = False

    def should_sample(self, parent_context, trace_id, name, kind=None, attributes=None, links=None,
                      trace_state=None) -> SamplingResult:
        if self.exporting:
            return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes, _parent_state(parent_context))
        return SamplingResult(Decision.DROP, None, _parent_state(parent_context))

    def get_description(self) -> str:
        return "RecordWhenExported"


def _parent_state(parent_context):
    return trace.get_current_span(parent_context).get_span_context().trace_state


class _Provider(TracerProvider):
    """The runtime's provider: starts recording when the first span processor (an exporter) is added."""

    def __init__(self, resource: Resource) -> None:
        self._when_exported = _RecordWhenExported()
        super().__init__(resource=resource, sampler=self._when_exported)

    def add_span_processor(self, span_processor) -> None:
        super().add_span_processor(span_processor)
        self._when_exported.exporting = True


def setup_tracing(service: str, otlp_endpoint: str = "") -> TracerProvider:
    """The process-wide tracer provider, created once; spans go to OTLP/HTTP only if an endpoint is given, and are
    recorded only when some processor takes them (an exporter, a test's in-memory one)."""
    global _provider
    if _provider is None:
        current = trace.get_tracer_provider()
        if isinstance(current, TracerProvider):  # someone (a test, an agent) set one already
            _provider = current
        else:
            _provider = _Provider(resource=Resource.create({"service.name": service}))
            trace.set_tracer_provider(_provider)
    if otlp_endpoint and otlp_endpoint not in _exporting_to:
        _provider.add_span_processor(BatchSpanProcessor(_otlp_exporter(otlp_endpoint)))
        _exporting_to.add(otlp_endpoint)
    return _provider


def _otlp_exporter(endpoint: str):
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    url = endpoint.rstrip("/")
    if not url.endswith("/v1/traces"):
        url += "/v1/traces"
    return OTLPSpanExporter(endpoint=url, timeout=10)


def tracer() -> trace.Tracer:
    """The tracer of the runtime (follows whatever provider is set, even later)."""
    return trace.get_tracer(_TRACER_NAME)


# --- Kafka ----------------------------------------------------------------------------------


def inject_kafka_headers(headers: list[tuple[str, bytes]] | None = None) -> list[tuple[str, bytes]]:
    """The headers plus traceparent/tracestate of the current span (replacing any already there)."""
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    kept = [(k, v) for k, v in (headers or []) if k.lower() not in TRACE_HEADERS]
    return kept + [(k, v.encode()) for k, v in carrier.items()]


def extract_kafka_context(headers: KafkaHeaders | None) -> Context:
    """The trace context carried by Kafka headers (a list of (name, bytes) pairs or a dict)."""
    items = headers.items() if isinstance(headers, Mapping) else (headers or [])
    carrier = {}
    for key, value in items:
        if key.lower() in TRACE_HEADERS and value is not None:
            carrier[key.lower()] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return _PROPAGATOR.extract(carrier)


def _attributes(system: str, topic: str, operation: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "messaging.system": system,
        "messaging.destination.name": topic,
        "messaging.operation.type": operation,
    }
    for key, value in attrs.items():
        if value is not None:
            out[key if "." in key else f"bf.{key}"] = value if isinstance(value, (bool, int, float, str)) else str(value)
    return out


@contextlib.contextmanager
def consume_span(topic: str, headers: KafkaHeaders | None, **attrs: Any) -> Iterator[Span]:
    """A CONSUMER span for processing one message, child of the trace its headers carry."""
    parent = extract_kafka_context(headers)
    with tracer().start_as_current_span(
        f"{topic} process", context=parent, kind=SpanKind.CONSUMER, attributes=_attributes("kafka", topic, "process", attrs)
    ) as span:
        yield span


@contextlib.contextmanager
def publish_span(topic: str, **attrs: Any) -> Iterator[Span]:
    """A PRODUCER span for sending to a topic; headers injected inside it point to it."""
    with tracer().start_as_current_span(
        f"{topic} publish", kind=SpanKind.PRODUCER, attributes=_attributes("kafka", topic, "publish", attrs)
    ) as span:
        yield span


# --- HTTP -----------------------------------------------------------------------------------


class TracingMiddleware:
    """ASGI middleware: each HTTP request runs in a SERVER span continuing the caller's traceparent.

    FastAPI (>= 0.16x) and Starlette's OpenTelemetryMiddleware may already open that span for
    the request; then this one adds none, so a request never has two SERVER spans. An
    ``X-Correlation-Id`` request header becomes the task's correlation id (runtime.context).
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        token = context.correlation_id.set(headers["x-correlation-id"]) if "x-correlation-id" in headers else None
        try:
            if _server_span_open(scope):
                await self.app(scope, receive, send)
            else:
                await self._traced(scope, receive, send, headers)
        finally:
            if token is not None:
                context.correlation_id.reset(token)

    async def _traced(self, scope, receive, send, headers: dict[str, str]) -> None:
        method = scope.get("method", "GET")
        attributes = {"http.request.method": method, "url.path": scope.get("path", "")}
        with tracer().start_as_current_span(
            method, context=_PROPAGATOR.extract(headers), kind=SpanKind.SERVER, attributes=attributes
        ) as span:
            await self.app(scope, receive, _recording_status(send, span))
            _name_after_route(span, scope, method)


def _server_span_open(scope) -> bool:
    native = scope.get("fastapi.telemetry")  # FastAPI's own request telemetry, when its tracing is on
    return getattr(native, "span", None) is not None or bool(scope.get("starlette.opentelemetry"))


def _recording_status(send, span: Span):
    async def wrapped(message) -> None:
        if message["type"] == "http.response.start":
            status = message["status"]
            span.set_attribute("http.response.status_code", status)
            if status >= 500:
                span.set_status(Status(StatusCode.ERROR))
        await send(message)

    return wrapped


def _name_after_route(span: Span, scope, method: str) -> None:
    path = getattr(scope.get("route"), "path", None)
    if path:
        span.update_name(f"{method} {path}")
        span.set_attribute("http.route", path)


class _TracingTransport(httpx.AsyncBaseTransport):
    """An httpx transport that wraps each request in a CLIENT span and sends its traceparent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attributes = {"http.request.method": request.method, "url.full": str(request.url.copy_with(query=None))}
        with tracer().start_as_current_span(request.method, kind=SpanKind.CLIENT, attributes=attributes) as span:
            carrier: dict[str, str] = {}
            _PROPAGATOR.inject(carrier)
            request.headers.update(carrier)
            correlation = context.correlation_id.get()
            if correlation and "x-correlation-id" not in request.headers:
                request.headers["x-correlation-id"] = correlation
            response = await self._inner.handle_async_request(request)
            span.set_attribute("http.response.status_code", response.status_code)
            if response.status_code >= 500:
                span.set_status(Status(StatusCode.ERROR))
            return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def traced_http_client(**kw: Any) -> httpx.AsyncClient:
    """An httpx.AsyncClient whose requests carry traceparent (and the correlation id); 10 s timeout unless given."""
    inner = kw.pop("transport", None) or httpx.AsyncHTTPTransport()
    kw.setdefault("timeout", httpx.Timeout(10.0))
    return httpx.AsyncClient(transport=_TracingTransport(inner), **kw)
