"""CloudEvents 1.0 Kafka binary-mode headers: the envelope as `ce_*` headers beside the JSON value."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import timezone

from contracts.envelope import ContractError, Event

SPEC_VERSION = "1.0"
TYPE_PREFIX = "be.bookingfactory."
CONTENT_TYPE = "application/json"
REQUIRED = ("ce_id", "ce_type", "ce_source", "ce_specversion")
_TYPE_RE = re.compile(r"^" + re.escape(TYPE_PREFIX) + r"(?P<event_type>[a-z0-9_.]+)\.v(?P<version>[1-9][0-9]*)$")

Headers = Iterable[tuple[str, bytes | str | None]] | Mapping[str, bytes | str | None]


def ce_type(event_type: str, version: int) -> str:
    """The CloudEvents type of an event version, e.g. 'be.bookingfactory.document.received.v1'."""
    return f"{TYPE_PREFIX}{event_type}.v{version}"


def parse_ce_type(value: str) -> tuple[str, int]:
    """Split a CloudEvents type into (event type, schema version)."""
    match = _TYPE_RE.fullmatch(value)
    if match is None:
        raise ContractError(f"header ce_type {value!r} is not of the form '{TYPE_PREFIX}<event>.v<N>'",
                            fields=("ce_type",))
    return match["event_type"], int(match["version"])


def to_headers(event: Event, source: str, extra: dict[str, str] | None = None) -> list[tuple[str, bytes]]:
    """Kafka headers for an event; `source` names the producer, e.g. '/services/ingest'.

    `extra` headers (e.g. trace context) are added as given but may not replace CloudEvents ones.
    """
    if not event.EVENT_TYPE:
        raise ContractError(f"{type(event).__name__} has no EVENT_TYPE")
    if not source:
        raise ContractError("a CloudEvents source is required, e.g. '/services/ingest'", fields=("ce_source",))
    time = event.occurred_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    headers = {
        "ce_specversion": SPEC_VERSION,
        "ce_id": str(event.event_id),
        "ce_source": source,
        "ce_type": ce_type(event.EVENT_TYPE, event.schema_version),
        "ce_time": time,
        "content-type": CONTENT_TYPE,
        "ce_correlationid": event.correlation_id,
        "ce_schemaversion": str(event.schema_version),
        "ce_officeid": str(event.office_id),
    }
    if event.dossier_id is not None:
        headers["ce_subject"] = str(event.dossier_id)
    for name, value in (extra or {}).items():
        if name in headers or name.lower() in headers:
            raise ContractError(f"extra header {name!r} would replace a CloudEvents header", fields=(name,))
        headers[name] = value
    return [(name, value.encode("utf-8")) for name, value in headers.items()]


def from_headers(headers: Headers) -> dict[str, str]:
    """Decode Kafka headers (list of (name, bytes) or a dict) and check the required ce_* ones."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    decoded: dict[str, str] = {}
    for name, value in items:
        if value is None:
            continue
        if isinstance(value, (bytes, bytearray)):
            try:
                value = bytes(value).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ContractError(f"header {name!r} is not UTF-8", fields=(name,)) from exc
        decoded[name] = value
    missing = [name for name in REQUIRED if not decoded.get(name)]
    if missing:
        raise ContractError(f"missing CloudEvents header(s): {', '.join(missing)}", fields=tuple(missing))
    if decoded["ce_specversion"] != SPEC_VERSION:
        raise ContractError(f"unsupported ce_specversion {decoded['ce_specversion']!r}, expected {SPEC_VERSION}",
                            fields=("ce_specversion",))
    return decoded
