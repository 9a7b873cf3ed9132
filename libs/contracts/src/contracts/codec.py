"""Encoding of events on Kafka: JSON values (money as strings), decoded tolerantly and upcast."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from contracts.cloudevents import Headers, from_headers, parse_ce_type
from contracts.envelope import ContractError, Event
from contracts.registry import DLQ_SUFFIX, TOPICS, Topic
from contracts.upcasting import REROUTES, Rerouter, Upcaster, upcast


def serialize(event: Event) -> bytes:
    """The Kafka value of an event: UTF-8 JSON, decimals as strings, every field present."""
    if not isinstance(event, Event):
        raise ContractError(f"only events can be serialised, not {type(event).__name__}")
    return event.model_dump_json().encode("utf-8")


def deserialize(
    topic_name: str,
    value: bytes,
    headers: Headers | None = None,
    *,
    topics: Mapping[str, Topic] | None = None,
    upcasters: Mapping[tuple[str, int], Upcaster] | None = None,
) -> Event:
    """Decode a Kafka value read from `topic_name` into its current event model.

    Unknown fields (also nested ones) are dropped; an older schema_version is upcast; anything
    else that is wrong raises ContractError naming the topic and the field. A `<topic>.dlq` name
    decodes like its topic, for replays. `topics` and `upcasters` exist for tests.
    """
    topic = _topic(topic_name, TOPICS if topics is None else topics)
    model = topic.model
    ce = from_headers(headers) if headers is not None else None
    if ce is not None:
        _check_ce_type(topic_name, model, ce["ce_type"])
    payload = _json_object(topic_name, value)
    version = payload.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > model.SCHEMA_VERSION:
        raise ContractError(
            f"{topic_name}: schema_version {version} is newer than this consumer reads "
            f"({model.SCHEMA_VERSION}); upgrade bf-contracts", topic=topic_name, fields=("schema_version",))
    try:
        payload = upcast(model.EVENT_TYPE, payload, model.SCHEMA_VERSION, upcasters)
    except ContractError as exc:
        raise ContractError(f"{topic_name}: {exc}", topic=topic_name, fields=exc.fields) from exc
    try:
        event = model.model_validate(payload, extra="ignore")
    except ValidationError as exc:
        raise _invalid(topic_name, model, exc) from exc
    if ce is not None and ce["ce_id"] != str(event.event_id):
        raise ContractError(f"{topic_name}: header ce_id {ce['ce_id']} differs from event_id {event.event_id}",
                            topic=topic_name, fields=("ce_id", "event_id"))
    return event


def rerouted(
    topic_name: str,
    value: bytes,
    headers: Headers | None = None,
    *,
    topics: Mapping[str, Topic] | None = None,
    reroutes: Mapping[tuple[str, int], tuple[str, Rerouter]] | None = None,
) -> tuple[str, Event] | None:
    """(other topic, its current event) when a value read from `topic_name` is an old message standing for an event
    of another topic (`contracts.upcasting.REROUTES`: a ledger.synced v1 posting outcome is a booking.recorded);
    None when it is its own topic's event, to decode with `deserialize`.

    Cheap for the messages it leaves alone: a topic without reroutes is not looked into, and a CloudEvents type
    naming a version without one spares the JSON. What is wrong with a rerouted message raises ContractError.
    """
    table = REROUTES if reroutes is None else reroutes
    registry = TOPICS if topics is None else topics
    event_type = _topic(topic_name, registry).model.EVENT_TYPE
    versions = {version for source, version in table if source == event_type}
    if not versions:
        return None
    named = _header_version(event_type, headers) if headers is not None else None
    if named is not None and named not in versions:
        return None
    payload = _json_object(topic_name, value)
    version = payload.get("schema_version")
    step = table.get((event_type, version)) if isinstance(version, int) else None
    moved = step[1](dict(payload)) if step is not None else None
    if moved is None:
        return None
    target = _topic(step[0], registry).model
    try:
        moved = upcast(target.EVENT_TYPE, moved, target.SCHEMA_VERSION)
        return step[0], target.model_validate(moved, extra="ignore")
    except ContractError as exc:
        raise ContractError(f"{topic_name} -> {step[0]}: {exc}", topic=topic_name, fields=exc.fields) from exc
    except ValidationError as exc:
        raise _invalid(f"{topic_name} -> {step[0]}", target, exc) from exc


def _header_version(event_type: str, headers: Headers) -> int | None:
    """The schema version the ce_type header names for `event_type`, None when it names none we can read."""
    try:
        named, version = parse_ce_type(from_headers(headers)["ce_type"])
    except ContractError:
        return None
    return version if named == event_type else None


def _topic(topic_name: str, topics: Mapping[str, Topic]) -> Topic:
    name = topic_name.removesuffix(DLQ_SUFFIX)
    topic = topics.get(name)
    if topic is None:
        raise ContractError(f"unknown topic {topic_name!r}: not in contracts.registry.TOPICS", topic=topic_name)
    return topic


def _check_ce_type(topic_name: str, model: type[Event], value: str) -> None:
    try:
        event_type, _version = parse_ce_type(value)
    except ContractError as exc:
        raise ContractError(f"{topic_name}: {exc}", topic=topic_name, fields=exc.fields) from exc
    if event_type != model.EVENT_TYPE:
        raise ContractError(f"{topic_name}: header ce_type {value!r} is not a {model.EVENT_TYPE} event",
                            topic=topic_name, fields=("ce_type",))


def _json_object(topic_name: str, value: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(value)
    except (TypeError, UnicodeDecodeError, ValueError) as exc:
        raise ContractError(f"{topic_name}: value is not valid UTF-8 JSON: {exc}", topic=topic_name) from exc
    if not isinstance(payload, dict):
        raise ContractError(f"{topic_name}: value must be a JSON object, got {type(payload).__name__}",
                            topic=topic_name)
    return payload


def _invalid(topic_name: str, model: type[Event], exc: ValidationError) -> ContractError:
    fields = []
    reasons = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "(value)"
        fields.append(field)
        reasons.append(f"field '{field}': {error['msg']}")
    return ContractError(f"{topic_name}: invalid {model.EVENT_TYPE} v{model.SCHEMA_VERSION}: " + "; ".join(reasons),
                         topic=topic_name, fields=tuple(fields))
