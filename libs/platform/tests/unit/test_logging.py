"""JSON logs: shape, correlation and trace ids, redaction of secrets, idempotent set-up."""
import io
import json
import logging

import pytest
from opentelemetry.sdk.trace import TracerProvider

from runtime import context
from runtime.logging import configure_logging

SECRETS = ["hunter2", "tok-123", "s3cr3t", "eyJhbGciOi.eyJzdWIi.c2lnbmF0", "AK-999", "pgpass"]


@pytest.fixture
def logs():
    stream = io.StringIO()
    handler = configure_logging("ingest", "DEBUG", stream=stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


def test_a_line_is_a_json_object_with_the_house_fields(logs):
    token = context.correlation_id.set("corr-42")
    try:
        logging.getLogger("ingest.upload").warning("stored %s pages", 3, extra={"document_id": "d-1"})
    finally:
        context.correlation_id.reset(token)
    [line] = logs()
    assert line["level"] == "WARNING" and line["service"] == "ingest" and line["logger"] == "ingest.upload"
    assert line["message"] == "stored 3 pages"
    assert line["correlation_id"] == "corr-42"
    assert line["document_id"] == "d-1"
    assert line["ts"].endswith("+00:00")
    assert "trace_id" not in line


def test_the_active_span_gives_trace_and_span_ids(logs):
    tracer = TracerProvider().get_tracer("t")
    with tracer.start_as_current_span("work") as span:
        logging.getLogger("x").info("inside")
    [line] = logs()
    assert line["trace_id"] == f"{span.get_span_context().trace_id:032x}"
    assert line["span_id"] == f"{span.get_span_context().span_id:016x}"


def test_exception_text_is_included(logs):
    try:
        raise ValueError("bad input")
    except ValueError:
        logging.getLogger("x").exception("failed")
    [line] = logs()
    assert "ValueError: bad input" in line["exception"]


@pytest.mark.parametrize(
    "emit",
    [
        lambda log: log.info("login password=hunter2 token: tok-123"),
        lambda log: log.info("settings %s", {"secret_key": "s3cr3t", "api_key": "AK-999"}),
        lambda log: log.info("%(token)s", {"token": "tok-123"}),
        lambda log: log.info("header Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0"),
        lambda log: log.info("call", extra={"authorization": "Bearer tok-123", "body": {"password": "hunter2"}}),
        lambda log: log.info("connecting to postgresql://bf:pgpass@127.0.0.1/db"),
        lambda log: log.info("json %s", '{"access_token": "tok-123", "client_secret": "s3cr3t"}'),
    ],
)
def test_secrets_never_reach_the_output(logs, emit):
    emit(logging.getLogger("x"))
    output = json.dumps(logs())
    assert "***" in output
    for secret in SECRETS:
        assert secret not in output


def test_secrets_in_exceptions_are_redacted(logs):
    try:
        raise RuntimeError("could not connect with password=hunter2")
    except RuntimeError:
        logging.getLogger("x").exception("db down")
    [line] = logs()
    assert "hunter2" not in line["exception"] and "password=***" in line["exception"]


def test_configuring_twice_keeps_one_handler():
    root = logging.getLogger()
    first = io.StringIO()
    second = io.StringIO()
    configure_logging("a", stream=first)
    handler = configure_logging("b", stream=second)
    try:
        ours = [h for h in root.handlers if getattr(h, "_bf_json_handler", False)]
        assert ours == [handler]
        logging.getLogger("x").warning("once")
        assert first.getvalue() == ""
        assert len(second.getvalue().splitlines()) == 1
    finally:
        root.removeHandler(handler)
