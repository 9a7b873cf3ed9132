"""The ingest service on the real stack: dossier.changed in over Kafka, a mail over SMTP, document.received out
over Kafka once, and the document leaves "In processing" when proposal.created arrives (ING-2, ING-9, ING-10)."""
from __future__ import annotations

import json
import uuid

import pytest
from contracts.examples import example_events
from runtime import service
from runtime.db import drop_database
from runtime.http import create_http_app
from runtime.testing import on_test_topics, publish_events, read_topic, temp_topics, wait_for

from ingest.bootstrap import SPEC
from ingest.config import IngestSettings

from ingest_testkit import World, dossier_changed, message, new_issuer, send

pytestmark = pytest.mark.integration




async def test_mail_in_event_out_and_processed(unused_tcp_port):
    world = World(issuer=new_issuer())
    base = IngestSettings()
    async with temp_topics(base, "dossier.changed", "proposal.created") as (dossiers_topic, proposals_topic):
        spec = on_test_topics(SPEC, {dossiers_topic: "dossier.changed", proposals_topic: "proposal.created"})
        settings = IngestSettings(pg_database=f"test_ingest_{uuid.uuid4().hex[:8]}", ingest_smtp_port=unused_tcp_port)
        rt = await service.start(spec, settings)
        try:
            app = create_http_app("ingest", settings=settings)
            await spec.on_start(rt, app)
            rules = {"purchases": {"enabled": True, "sender_whitelist": ["billing@supplier.be"]}}
            await publish_events(settings, dossiers_topic,
                           dossier_changed(world, world.office, world.own, auto_transmission=rules))

            async def replicated():
                return await rt.pool.fetchval("SELECT count(*) FROM inbound_addresses WHERE dossier_id = $1",
                                              uuid.UUID(world.own)) == 3
            await wait_for(replicated)
            msg = message(world.address(world.own, "purchases"), message_id=f"<{uuid.uuid4()}@supplier.be>")
            await send(unused_tcp_port, msg)
            await send(unused_tcp_port, msg)
            document_id = await wait_for(lambda: rt.pool.fetchval(
                "SELECT id FROM documents WHERE dossier_id = $1 AND status = 'processing'", uuid.UUID(world.own)))
            records = await read_topic(settings, "document.received", expect=10_000, timeout=8)
            mine = [json.loads(r.value) for r in records if json.loads(r.value).get("document_id") == str(document_id)]
            assert len(mine) == 1 and mine[0]["source"] == "email" and mine[0]["auto_transmitted"]
            assert mine[0]["schema_version"] == 2

            proposal = example_events()["proposal.created"].model_copy(update={
                "event_id": uuid.uuid4(), "document_id": document_id, "office_id": uuid.UUID(world.office),
                "dossier_id": uuid.UUID(world.own)})
            await publish_events(settings, proposals_topic, proposal)

            async def processed():
                return await rt.pool.fetchval("SELECT status FROM documents WHERE id = $1", document_id) == "processed"
            await wait_for(processed)
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)
