"""On the real Kafka and Postgres: document.recognized -> proposal.created, each proposal exactly once under
redelivery (the same event twice, a re-read of the whole topic by a new consumer group) and restarts; a new
recognition of a document supersedes its proposal (same id, same number)."""
from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import pytest
from contracts.codec import deserialize
from runtime import service
from runtime.db import drop_database
from runtime.testing import on_test_topics, publish_events, read_topic, temp_topics, wait_for

from enrichment.bootstrap import SPEC
from enrichment.config import EnrichmentSettings
from enrichment_testkit import booking, dossier_changed, invoice, master, party, recognized, recorded, supplier, synced

pytestmark = pytest.mark.integration
CONTRACTS = ("document.recognized", "ledger.synced", "dossier.changed", "proposal.withdrawn", "booking.recorded")




def _settings(db: str, group: str) -> EnrichmentSettings:
    return EnrichmentSettings(service="enrichment-it", pg_database=db, consumer_group=group)


async def test_each_document_gets_exactly_one_proposal_under_redelivery_and_restarts():
    db = f"test_enrich_{uuid.uuid4().hex[:8]}"
    settings = _settings(db, f"enrich-it-{uuid.uuid4().hex[:6]}")
    dossier = uuid.uuid4()
    async with temp_topics(settings, *CONTRACTS, "proposal.created") as names:
        topics = dict(zip(names[:5], CONTRACTS))
        recognized_topic, ledger_topic, dossier_topic, outbound = names[0], names[1], names[2], names[5]
        spec = on_test_topics(SPEC, topics, publishes={"proposal.created": outbound}, name="enrichment-it")
        docs = [recognized(invoice(seller=party("Proximus NV", "BE0202239951"), number=f"F{i}"), dossier=dossier)
                for i in range(12)]
        rt = await service.start(spec, settings)
        try:
            await publish_events(settings, ledger_topic, synced(dossier, master(counterparties=(
                supplier("P1", "Proximus NV", "BE0202239951"),))))
            await wait_for(lambda: rt.pool.fetchval("SELECT count(*) FROM master_records"), timeout=60)
            await publish_events(settings, recognized_topic, *docs[:6], docs[0], docs[1])  # two redelivered
            # the documents came before their dossier: they wait for its dossier.changed (issue 19 item 2)
            await publish_events(settings, dossier_topic, dossier_changed(dossier))
            await read_topic(settings, outbound, expect=6, timeout=60)
        finally:
            await service.stop(rt)
        # while the service is down, the rest arrives, plus a new recognition of document 2 (new event id)
        again = recognized(invoice(seller=party("Proximus NV", "BE0202239951"), number="F2"), dossier=dossier,
                           document_id=docs[2].document_id)
        await publish_events(settings, recognized_topic, *docs[6:], again)
        rt = await service.start(spec, settings)
        try:
            await read_topic(settings, outbound, expect=13, timeout=60)
        finally:
            await service.stop(rt)
        # a new consumer group on the same database re-reads every topic from the start
        # (the inbox is per consumer; the recognitions already applied are remembered whoever reads them)
        fresh = f"enrich-it-{uuid.uuid4().hex[:6]}"
        rt = await service.start(spec, _settings(db, fresh))
        try:
            async def consumed_all():
                n = await rt.pool.fetchval("SELECT count(*) FROM inbox WHERE topic = $1 AND consumer = $2",
                                           recognized_topic, fresh)
                return n >= 13
            await wait_for(consumed_all, timeout=60)
            await asyncio.sleep(3)
            records = await read_topic(settings, outbound, expect=100, timeout=8)
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), db)
    proposals = [deserialize("proposal.created", r.value) for r in records]
    per_document = Counter(p.document_id for p in proposals)
    assert set(per_document) == {d.document_id for d in docs}
    assert per_document.pop(docs[2].document_id) == 2, "the new recognition superseded the proposal"
    assert len({p.document_number for p in proposals if p.document_id == docs[2].document_id}) == 1
    assert set(per_document.values()) == {1}, per_document
    ids = {p.document_id: {q.proposal_id for q in proposals if q.document_id == p.document_id} for p in proposals}
    assert all(len(v) == 1 for v in ids.values()), "one proposal id per document"
    numbers = {p.proposal_id: p.document_number for p in proposals}
    assert len(numbers) == 12 and len(set(numbers.values())) == 12, "no document number handed out twice"
    by_number = {p.invoice_number: p for p in proposals}
    assert by_number["F3"].counterparty.reference == "P1" and by_number["F3"].status == "complete"
    assert all((p.document_number or "").startswith("ACH/") for p in proposals), "numbered by the dossier's journal"
    assert all(r.key == str(dossier).encode() for r in records), "keyed by dossier"


async def test_a_posted_booking_teaches_the_next_proposal_and_a_document_without_dossier_is_dead_lettered():
    db = f"test_enrich_{uuid.uuid4().hex[:8]}"
    settings = _settings(db, f"enrich-it-{uuid.uuid4().hex[:6]}")
    dossier = uuid.uuid4()
    seller = party("Proximus NV", "BE0202239951")
    async with temp_topics(settings, *CONTRACTS, "proposal.created") as names:
        topics = dict(zip(names[:5], CONTRACTS))
        recognized_topic, ledger_topic, dossier_topic, outbound = names[0], names[1], names[2], names[5]
        spec = on_test_topics(SPEC, topics, publishes={"proposal.created": outbound}, name="enrichment-it")
        rt = await service.start(spec, settings)
        try:
            await publish_events(settings, ledger_topic, synced(dossier, master(counterparties=(
                supplier("P1", "Proximus NV", "BE0202239951"),))))
            first = recognized(invoice(seller=seller, number="F1"), dossier=dossier)
            await publish_events(settings, recognized_topic, first)
            await publish_events(settings, dossier_topic, dossier_changed(dossier))  # after the document: awaited
            [record] = await read_topic(settings, outbound, expect=1, timeout=60)
            proposal = deserialize("proposal.created", record.value)
            assert proposal.lines[0].suspense
            posted = booking("MOVE-1", "P1", (("612000", "AS21", "100.00"),), external_id=proposal.proposal_id)
            await publish_events(settings, names[4], recorded(dossier, booking=posted, proposal_id=proposal.proposal_id))
            await asyncio.sleep(1)
            await publish_events(settings, recognized_topic, recognized(invoice(seller=seller, number="F2"), dossier=dossier))
            records = await read_topic(settings, outbound, expect=2, timeout=60)
            second = deserialize("proposal.created", records[-1].value)
            assert (second.lines[0].account, second.lines[0].vat_code, second.lines[0].suspense) == \
                ("612000", "AS21", False)
            orphan = recognized(invoice(seller=seller), dossier=dossier).model_copy(update={"dossier_id": None})
            await publish_events(settings, recognized_topic, orphan)
            dead = await read_topic(settings, f"{recognized_topic}.dlq", expect=1, timeout=60)
            assert dead and dict(dead[0].headers).get("dlq_reason", b"").find(b"dossier_id") >= 0
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), db)
