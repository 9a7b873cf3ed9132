"""The recognition worker on the real stack: document.received for a file in S3 → document.recognized on Kafka
(REC-1..3); results cached by file hash; a searchable PDF stored back for scans; two workers share partitions."""
from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from contracts.codec import deserialize
from contracts.events.documents import DocumentReceived
from recognition_testkit import UBL_EXAMPLE, generated
from runtime import service
from runtime.db import drop_database
from runtime.storage import ObjectStore
from runtime.testing import on_test_topics, publish_events, read_topic, temp_topics, wait_for, with_deps

from recognition.bootstrap import SPEC
from recognition.config import RecognitionSettings
from recognition.extractors.base import Context
from recognition.handlers.recognise import Deps
from recognition.sandbox import Sandbox, SandboxLimits

pytestmark = pytest.mark.integration


def _received(key: str, data: bytes, dossier: uuid.UUID | None = None, mailbox: str = "purchases") -> DocumentReceived:
    return DocumentReceived(
        correlation_id="recognition-test", office_id=uuid.uuid4(), dossier_id=dossier or uuid.uuid4(),
        document_id=uuid.uuid4(), source="portal", mailbox=mailbox, filename="doc.bin",
        content_type="application/octet-stream", size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
        storage_key=key)




def _spec(settings, inbound: str, outbound: str, store, name: str):
    deps = Deps(store=store, sandbox=Sandbox(SandboxLimits(memory_mb=1536, timeout_s=120)),
                context=Context(searchable_pdf=True))
    spec = on_test_topics(SPEC, {inbound: "document.received"}, publishes={"document.recognized": outbound}, name=name)
    return with_deps(spec, deps), deps


async def test_received_pdf_and_scan_are_recognised_once_per_file():
    """A PDF and a scan put in S3: document.recognized with the right fields; the scan gets a searchable PDF;
    the same file sent again is answered from the cache (one stored result)."""
    settings = RecognitionSettings(pg_database=f"test_recog_{uuid.uuid4().hex[:8]}")
    store = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    truth, pdf, scan, _ = generated("it-A-fr", "A", "fr")
    pdf_key, scan_key = (await store.put_bytes(pdf, "application/pdf")).key, (await store.put_bytes(scan, "application/pdf")).key
    async with temp_topics(settings, "document.received", "document.recognized") as (inbound, outbound):
        spec, deps = _spec(settings, inbound, outbound, store, "recognition-it")
        rt = await service.start(spec, settings)
        try:
            first, again, scanned = _received(pdf_key, pdf), _received(pdf_key, pdf), _received(scan_key, scan)
            await publish_events(settings, inbound, first, again, scanned)
            records = await read_topic(settings, outbound, expect=3, timeout=120)
            events = {e.document_id: e for e in (deserialize("document.recognized", r.value) for r in records)}
            got = events[first.document_id]
            assert got.status == "complete" and got.invoice.source == "pdf_text"
            assert got.invoice.invoice_number.value == truth["invoice_number"]
            assert got.invoice.total_incl_vat.value == Decimal(truth["total_incl_vat"])
            assert got.invoice.seller.vat_number.value == truth["seller_vat"]
            assert events[again.document_id].invoice == got.invoice
            ocr = events[scanned.document_id]
            assert ocr.invoice.source == "ocr" and ocr.searchable_pdf_key
            searchable = await store.get_bytes(ocr.searchable_pdf_key)
            assert _text_of(searchable).count(truth["invoice_number"][-4:]) >= 1, "the stored PDF has a text layer"
            assert got.mailbox == first.mailbox, "the mailbox travels on to enrichment"
            for recognised in (got, events[again.document_id], ocr):  # WL-5 overlay: words with boxes, also cached
                words = json.loads(await store.get_bytes(recognised.words_key))
                texts = [w["text"] for page in words["pages"] for w in page["words"]]
                assert any(truth["invoice_number"][-4:] in t for t in texts)
                assert all(0 <= w["bbox"]["x0"] < w["bbox"]["x1"] <= 1 for p in words["pages"] for w in p["words"])
            assert await rt.pool.fetchval("SELECT count(*) FROM recognition_results") == 2
            kept = await rt.pool.fetch("SELECT jsonb_typeof(invoice) AS kind FROM recognition_results")
            assert {r["kind"] for r in kept} == {"object"}, "the invoice is kept as a JSON object, not a string"
        finally:
            await service.stop(rt)
            deps.sandbox.close()
            await drop_database(settings.dsn("postgres"), settings.database)


def _text_of(pdf: bytes) -> str:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


async def test_hostile_file_gives_technical_error_event():
    """A hostile file ends as document.recognized with status technical_error and the reason."""
    settings = RecognitionSettings(pg_database=f"test_recog_{uuid.uuid4().hex[:8]}")
    store = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    bad = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    key = (await store.put_bytes(bad, "application/xml")).key
    async with temp_topics(settings, "document.received", "document.recognized") as (inbound, outbound):
        spec, deps = _spec(settings, inbound, outbound, store, "recognition-it-bad")
        rt = await service.start(spec, settings)
        try:
            event = _received(key, bad)
            await publish_events(settings, inbound, event, _received("sha256/00/missing", b"gone"))
            records = await read_topic(settings, outbound, expect=2, timeout=60)
            got = [deserialize("document.recognized", r.value) for r in records]
            assert {e.status for e in got} == {"technical_error"}
            reasons = " | ".join(e.error_reason for e in got)
            assert "DOCTYPE" in reasons and "not found" in reasons
        finally:
            await service.stop(rt)
            deps.sandbox.close()
            await drop_database(settings.dsn("postgres"), settings.database)


async def test_two_workers_in_one_group_share_partitions():
    """Two workers of the service (one consumer group, one database) split the partitions; each document once."""
    settings = RecognitionSettings(pg_database=f"test_recog_{uuid.uuid4().hex[:8]}")
    store = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    data = UBL_EXAMPLE.read_bytes()
    key = (await store.put_bytes(data, "application/xml")).key
    async with temp_topics(settings, "document.received", "document.recognized") as (inbound, outbound):
        seen: dict[str, set] = {"w1": set(), "w2": set()}
        runtimes, sandboxes = [], []
        for worker in ("w1", "w2"):
            spec, deps = _spec(settings, inbound, outbound, store, "recognition-it-group")
            handler = spec.handlers[inbound]

            async def counted(pool, event, deps, _handler=handler, _worker=worker):
                seen[_worker].add(event.document_id)
                return await _handler.prepare(pool, event, deps)
            counting = replace(handler, prepare=counted)  # reading is two-phase: count the reading phase
            runtimes.append(await service.start(replace(spec, handlers={inbound: counting}), settings))
            sandboxes.append(deps.sandbox)
        try:
            await asyncio.sleep(8)  # let the group settle on two members
            events = [_received(key, data, dossier=uuid.uuid4()) for _ in range(24)]
            await publish_events(settings, inbound, *events)
            records = await read_topic(settings, outbound, expect=24, timeout=120)
            ids = {deserialize("document.recognized", r.value).document_id for r in records}
            assert ids == {e.document_id for e in events}
            await wait_for(lambda: _async(len(seen["w1"] | seen["w2"]) == 24))
            assert seen["w1"] and seen["w2"], f"both workers took partitions: {len(seen['w1'])} / {len(seen['w2'])}"
        finally:
            for rt in runtimes:
                await service.stop(rt)
            for box in sandboxes:
                box.close()
            await drop_database(settings.dsn("postgres"), settings.database)


async def _async(value):
    return value
