"""JSON-lines logging of a service: one object per line on stderr, secrets redacted.

Every line carries ts, level, service, logger, message, the correlation id of the task
(runtime.context), the trace and span id of the active OpenTelemetry span, and the exception
text when there is one. Fields passed with ``extra=`` are added too.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone
from typing import Any, TextIO

from opentelemetry import trace

from runtime import context

_HANDLER_MARK = "_bf_json_handler"
REDACTED = "***"

# A key is sensitive when its name contains one of these words (access_token, s3_secret_key, ...).
_SENSITIVE_KEY = re.compile(
    r"passw(or)?d|pwd|token|secret|authori[sz]ation|api[_-]?key|access[_-]?key|cookie|credential",
    re.IGNORECASE,
)
# Free text: "password=x", "'token': 'x'", "Authorization: Bearer x", "postgresql://u:pw@h", bare JWTs.
_TEXT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), rf"\1 {REDACTED}"),
    (
        re.compile(
            r"(?i)([\w-]*(?:passw(?:or)?d|pwd|token|secret|authori[sz]ation|api[_-]?key|access[_-]?key|cookie)[\w-]*"
            r"[\"']?\s*[:=]\s*[\"']?)(?!(?:bearer|basic)\s)([^\s,;\"'&}\]]+)"
        ),
        rf"\1{REDACTED}",
    ),
    (re.compile(r"([a-z][a-z0-9+.-]*://[^:/\s@]+:)[^@\s/]+@"), rf"\1{REDACTED}@"),
    (re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]+"), REDACTED),
)
_RECORD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def is_sensitive(key: str) -> bool:
    """True when a field of this name must never be logged."""
    return bool(_SENSITIVE_KEY.search(key))


def redact_text(text: str) -> str:
    """The text with secret-looking values replaced by ***."""
    for pattern, replacement in _TEXT_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_value(value: Any) -> Any:
    """A copy of a (nested) value with sensitive keys and secret-looking text redacted."""
    if isinstance(value, dict):
        return {k: REDACTED if is_sensitive(str(k)) else redact_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v) for v in value)
    if isinstance(value, str):
        return redact_text(value)
    return value


class RedactionFilter(logging.Filter):
    """A filter that rewrites each record so no secret reaches any handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = _redact_args(record.args)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact_text(message), None
        for key in [k for k in record.__dict__ if k not in _RECORD_ATTRS]:
            value = record.__dict__[key]
            record.__dict__[key] = REDACTED if is_sensitive(key) else redact_value(value)
        return True


def _redact_args(args: Any) -> Any:
    if isinstance(args, dict):
        return {k: REDACTED if is_sensitive(str(k)) else redact_value(v) for k, v in args.items()}
    return tuple(redact_value(a) for a in args)


class JsonFormatter(logging.Formatter):
    """A formatter that writes one JSON object per record."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": context.correlation_id.get(),
        }
        entry.update(_trace_fields())
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = redact_text(record.exc_text)
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRS and key not in entry:
                entry[key] = value
        return json.dumps(entry, default=str, ensure_ascii=False)


def _trace_fields() -> dict[str, str]:
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return {}
    return {"trace_id": f"{span_context.trace_id:032x}", "span_id": f"{span_context.span_id:016x}"}


def configure_logging(service: str, level: str = "INFO", *, stream: TextIO | None = None) -> logging.Handler:
    """Send every log record of the process as redacted JSON lines to stderr; safe to call twice.

    Replaces the handler a previous call installed (never adds a second one), sets the root
    level and routes uvicorn's loggers through the root. Returns the installed handler.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.setFormatter(JsonFormatter(service))
    handler.addFilter(RedactionFilter())
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    context.service_name.set(service)
    return handler
