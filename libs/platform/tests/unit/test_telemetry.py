"""Tracing: W3C trace context survives Kafka headers and HTTP hops; span kinds and parents are right."""
import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from runtime import context
from runtime.telemetry import (
    TracingMiddleware,
    consume_span,
    extract_kafka_context,
    inject_kafka_headers,
    publish_span,
    setup_tracing,
    traced_http_client,
)

_EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module")
def provider() -> TracerProvider:
    provider = setup_tracing("telemetry-test")
    provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
    return provider


@pytest.fixture
def spans(provider):
    _EXPORTER.clear()
    return _EXPORTER


def _trace_id(span) -> str:
    return f"{span.get_span_context().trace_id:032x}"


def test_setup_is_idempotent_and_global(provider):
    assert setup_tracing("telemetry-test") is provider
    assert setup_tracing("other", "") is provider
    assert trace.get_tracer_provider() is provider


def test_without_an_active_span_nothing_is_injected(provider):
    assert inject_kafka_headers([("ce_id", b"1")]) == [("ce_id", b"1")]


def test_trace_id_survives_inject_then_extract(spans):
    with publish_span("document.received") as producer:
        headers = inject_kafka_headers([("ce_id", b"e-1"), ("traceparent", b"stale")])
    assert [k for k, _ in headers].count("traceparent") == 1
    assert ("ce_id", b"e-1") in headers
    with consume_span("document.received", headers, consumer="recognition", event_id="e-1") as consumer:
        pass
    assert _trace_id(consumer) == _trace_id(producer)
    finished = {s.name: s for s in spans.get_finished_spans()}
    process = finished["document.received process"]
    assert process.kind is SpanKind.CONSUMER
    assert process.parent.span_id == producer.get_span_context().span_id
    assert finished["document.received publish"].kind is SpanKind.PRODUCER
    assert process.attributes["messaging.destination.name"] == "document.received"
    assert process.attributes["bf.event_id"] == "e-1"


@pytest.mark.parametrize("as_dict", [False, True])
def test_extract_accepts_lists_and_dicts_of_bytes_or_str(provider, as_dict):
    tracer = trace.get_tracer("t")
    with tracer.start_as_current_span("origin") as origin:
        headers = inject_kafka_headers([])
    carrier = {k.upper(): v.decode() for k, v in headers} if as_dict else headers
    extracted = trace.get_current_span(extract_kafka_context(carrier)).get_span_context()
    assert extracted.trace_id == origin.get_span_context().trace_id
    assert extracted.is_remote


def test_a_message_without_trace_headers_starts_a_new_trace(spans):
    with consume_span("ledger.synced", None) as span:
        pass
    assert span.get_span_context().is_valid
    assert spans.get_finished_spans()[0].parent is None


def test_an_error_inside_consume_span_marks_the_span(spans):
    with pytest.raises(RuntimeError):
        with consume_span("ledger.synced", []):
            raise RuntimeError("handler failed")
    [span] = spans.get_finished_spans()
    assert not span.status.is_ok
    assert span.events[0].name == "exception"


def _echo_app(native: bool) -> FastAPI:
    app = FastAPI(telemetry={"tracing": native, "metrics": False, "logs": False})
    app.add_middleware(TracingMiddleware)

    @app.get("/dossiers/{dossier_id}")
    async def echo(dossier_id: str) -> dict:
        span = trace.get_current_span().get_span_context()
        return {"trace_id": f"{span.trace_id:032x}", "correlation_id": context.correlation_id.get()}

    return app


def _server_spans(spans):
    return [s for s in spans.get_finished_spans() if s.kind is SpanKind.SERVER]


# With FastAPI's own tracing on, its SERVER span is used; off, the middleware opens one.
@pytest.mark.parametrize("native", [False, True])
async def test_trace_id_survives_an_http_round_trip(spans, native):
    transport = httpx.ASGITransport(app=_echo_app(native))
    token = context.correlation_id.set("corr-7")
    try:
        with trace.get_tracer("t").start_as_current_span("caller") as caller:
            async with traced_http_client(transport=transport, base_url="http://office") as client:
                response = await client.get("/dossiers/d-1")
    finally:
        context.correlation_id.reset(token)
    assert response.json() == {"trace_id": _trace_id(caller), "correlation_id": "corr-7"}
    [server] = _server_spans(spans)
    [client_span] = [s for s in spans.get_finished_spans() if s.kind is SpanKind.CLIENT]
    assert server.name == "GET /dossiers/{dossier_id}"
    assert server.parent.span_id == client_span.context.span_id
    assert client_span.parent.span_id == caller.get_span_context().span_id
    assert server.attributes["http.response.status_code"] == 200
    assert server.attributes["http.route"] == "/dossiers/{dossier_id}"


@pytest.mark.parametrize("native", [False, True])
async def test_a_request_without_traceparent_gets_a_root_server_span(spans, native):
    transport = httpx.ASGITransport(app=_echo_app(native))
    async with httpx.AsyncClient(transport=transport, base_url="http://office") as client:
        response = await client.get("/dossiers/d-2")
    [server] = _server_spans(spans)
    assert server.parent is None
    assert response.json()["trace_id"] == f"{server.context.trace_id:032x}"


def test_traced_client_has_a_timeout():
    client = traced_http_client()
    assert client.timeout.read == 10.0
    assert traced_http_client(timeout=3).timeout.read == 3


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [("http://collector:4318", "http://collector:4318/v1/traces"),
     ("http://collector:4318/v1/traces", "http://collector:4318/v1/traces")],
)
def test_the_otlp_exporter_posts_to_the_traces_path_with_a_timeout(endpoint, url):
    from runtime.telemetry import _otlp_exporter

    exporter = _otlp_exporter(endpoint)
    assert exporter._endpoint == url
    assert exporter._client._timeout == 10
