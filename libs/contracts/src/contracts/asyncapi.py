"""The AsyncAPI 3 description of the topics, built with FastStream's own generator.

A FastStream app whose KafkaBroker declares one publisher per registered topic, with the event
model as payload schema; `app` is what `faststream docs gen contracts.asyncapi:app --yaml` reads.
Building it connects to nothing.
"""
from __future__ import annotations

from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI, Specification

from contracts.cloudevents import CONTENT_TYPE
from contracts.registry import TOPICS

TITLE = "Booking factory events"
VERSION = "1.0.0"
DESCRIPTION = "\n\n".join((
    "Events between the booking-factory services, one topic per event, keyed by dossier id (office id "
    "for office-wide events) so a dossier's events stay ordered on one partition.",
    "Values are UTF-8 JSON; money and other exact decimals are strings, never floats. Headers follow "
    "CloudEvents 1.0 Kafka binary mode (see the CloudEventsHeaders schema). Consumers ignore unknown "
    "fields; a breaking change bumps schema_version, and older payloads are upcast by the consumer.",
    "Every topic has a dead-letter topic `<topic>.dlq` holding the messages that could not be applied, "
    "with the error in a header. JSON Schemas of every version: libs/contracts/schemas/.",
))

CE_HEADERS = {
    "title": "CloudEventsHeaders",
    "description": "CloudEvents 1.0 Kafka binary-mode headers of every message",
    "type": "object",
    "required": ["ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time", "content-type"],
    "properties": {
        "ce_id": {"type": "string", "description": "= event_id"},
        "ce_type": {"type": "string", "description": "be.bookingfactory.<event type>.v<schema_version>"},
        "ce_source": {"type": "string", "description": "producing service, e.g. /services/ingest"},
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_time": {"type": "string", "format": "date-time", "description": "= occurred_at"},
        "ce_subject": {"type": "string", "description": "= dossier_id, when set"},
        "content-type": {"type": "string", "const": CONTENT_TYPE},
        "ce_correlationid": {"type": "string", "description": "= correlation_id"},
        "ce_schemaversion": {"type": "string", "description": "= schema_version"},
        "ce_officeid": {"type": "string", "description": "= office_id"},
    },
}


class StableAsyncAPI(AsyncAPI):
    """FastStream's AsyncAPI factory with a stable order and the CloudEvents headers.

    FastStream keeps publishers in a WeakSet, so its channel order varies between runs; sorting
    makes the committed document reproducible, whether written by `python -m contracts.docs` or by
    `faststream docs gen contracts.asyncapi:app --yaml`.
    """

    def to_specification(self) -> Specification:
        schema = super().to_specification()
        schema.channels = dict(sorted(schema.channels.items()))
        schema.operations = dict(sorted(schema.operations.items()))
        components = schema.components
        components.schemas = dict(sorted({**components.schemas, "CloudEventsHeaders": CE_HEADERS}.items()))
        components.messages = dict(sorted(components.messages.items()))
        for message in components.messages.values():
            message.contentType = CONTENT_TYPE
            message.correlationId.location = "$message.header#/ce_correlationid"
            message.headers = {"$ref": "#/components/schemas/CloudEventsHeaders"}
        return schema


def build_app() -> FastStream:
    """A FastStream app that only describes the topics; it is never run."""
    broker = KafkaBroker("127.0.0.1:9092", description="the local stack started by `make up`")
    for topic in TOPICS.values():
        broker.publisher(topic.name, title=topic.name, description=topic.documented, schema=topic.model)
    return FastStream(broker, specification=StableAsyncAPI(broker, title=TITLE, version=VERSION,
                                                           description=DESCRIPTION))


def build_specification() -> Specification:
    """The AsyncAPI 3 schema of every topic, as FastStream generates it for `build_app()`."""
    return build_app().schema.to_specification()


app = build_app()
