"""docs/integrators.md's example consumer against the local Kafka (issue 18, integrators): an own consumer group,
CloudEvents headers, an older document.received (v1) upcast to the version the consumer was written for."""
from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid

import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.examples import example_events

from runtime import kafka
from runtime.config import Settings
from runtime.testing import temp_topics

pytestmark = pytest.mark.integration
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "docs", "examples", "integrator_consumer.py")
sys.path.insert(0, os.path.dirname(EXAMPLE))
import integrator_consumer as example  # noqa: E402


def current_and_v1():
    """A document.received as published now (v2), and an old v1 one with the source 'upload'."""
    now = example_events()["document.received"].model_copy(update={"event_id": uuid.uuid4(), "source": "portal"})
    old = json.loads(serialize(now))
    old.update(schema_version=1, source="upload", event_id=str(uuid.uuid4()))
    old_headers = [(k, v) for k, v in to_headers(now, source="/services/ingest")
                   if k not in ("ce_type", "ce_id", "ce_schemaversion")]
    old_headers += [("ce_type", b"be.bookingfactory.document.received.v1"), ("ce_id", old["event_id"].encode()),
                    ("ce_schemaversion", b"1")]
    return (serialize(now), to_headers(now, source="/services/ingest"), now), (json.dumps(old).encode(), old_headers, old)


async def publish(settings, topic, messages):
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    try:
        for value, headers, event in messages:  # keyed by dossier, as the services publish
            await producer.send_and_wait(topic, value, key=str(json.loads(value)["dossier_id"]).encode(),
                                         headers=headers)
    finally:
        await producer.stop()


async def test_the_example_reads_cloudevents_and_upcasts_an_old_version():
    settings = Settings(service="integrator-test")
    async with temp_topics(settings, "document.received") as (topic,):
        (now_value, now_headers, now), (old_value, old_headers, old) = current_and_v1()
        await publish(settings, topic, [(old_value, old_headers, old), (now_value, now_headers, now)])
        seen: list[example.Received] = []
        stop = asyncio.Event()

        async def handle(event):
            seen.append(event)
            if len(seen) == 2:
                stop.set()

        await asyncio.wait_for(example.consume(settings.kafka_bootstrap, f"acme-erp-{uuid.uuid4().hex[:6]}", [topic],
                                               handle, from_beginning=True, stop=stop), 60)
    assert [e.event_type for e in seen] == ["document.received", "document.received"]
    assert [e.schema_version for e in seen] == [2, 2], "the v1 event is upcast to the version written for"
    assert [e.payload["source"] for e in seen] == ["portal", "portal"]
    assert [e.event_id for e in seen] == [old["event_id"], str(now.event_id)]
    assert seen[1].subject == str(now.dossier_id) and seen[1].source == "/services/ingest"


async def test_the_example_runs_as_a_program_and_prints_each_event():
    settings = Settings(service="integrator-test")
    async with temp_topics(settings, "document.received") as (topic,):
        (now_value, now_headers, now), old = current_and_v1()
        await publish(settings, topic, [(now_value, now_headers, now)])
        proc = await asyncio.create_subprocess_exec(
            sys.executable, EXAMPLE, "--bootstrap", settings.kafka_bootstrap, "--group", f"acme-{uuid.uuid4().hex[:6]}",
            "--topic", topic, "--from-beginning", stdout=asyncio.subprocess.PIPE)
        try:
            line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
        finally:
            proc.terminate()
            await proc.wait()
    assert f"document.received v2 dossier={now.dossier_id} id={now.event_id}" in line
