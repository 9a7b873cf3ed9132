"""Slow work out of the inbox transaction (issue 18): recognition reads a document in the two-phase handler's
`prepare`, outside any transaction, then publishes in a short one. While a reading is in progress the worker
holds no open transaction; killed with -9 right then, the restarted worker proposes each document exactly once
(the reading kept by file hash is not redone). sync-connector's posting has the same shape; its kill -9 between
the Tryton call and the transaction is services/sync-connector/tests/integration/test_crash.py."""
import asyncio
import hashlib
import uuid
from collections import Counter

import asyncpg
import pytest
from contracts.codec import deserialize
from contracts.events.documents import DocumentReceived

from recognition.config import RecognitionSettings
from recognition.validation.checks import standards_dir
from runtime.db import drop_database
from runtime.storage import ObjectStore
from runtime.testing import publish_events, read_topic, temp_topics
from tests.reliability.processes import ROOT, kill9, spawn_file, terminate

pytestmark = [pytest.mark.integration, pytest.mark.slow]
HARNESS = ROOT / "tests" / "reliability" / "recognition_proc.py"
UBL = standards_dir() / "peppol-bis3" / "examples" / "base-example.xml"
DOCUMENTS = 6


async def fetchval(dsn: str, sql: str, *args):
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


def received(key: str, data: bytes) -> DocumentReceived:
    return DocumentReceived(
        correlation_id="two-phase-kill", office_id=uuid.uuid4(), dossier_id=uuid.uuid4(), document_id=uuid.uuid4(),
        source="portal", mailbox="purchases", filename="invoice.xml", content_type="application/xml",
        size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), storage_key=key)


async def next_prepared(proc: asyncio.subprocess.Process, timeout: float) -> str:
    async def line() -> str:
        while True:
            text = (await proc.stdout.readline()).decode()
            if not text:
                raise AssertionError("the worker exited before preparing a document")
            if text.startswith("prepared "):
                return text.split()[1]
    return await asyncio.wait_for(line(), timeout)


async def test_worker_killed_during_prepare_proposes_each_document_once():
    settings = RecognitionSettings(pg_database=f"test_twophase_{uuid.uuid4().hex[:8]}")
    dsn = settings.dsn()
    store = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    events = []
    for n in range(DOCUMENTS):  # unique files: each is read, none answered from another's cache
        data = UBL.read_bytes() + f"\n<!-- two-phase {uuid.uuid4()} {n} -->\n".encode()
        events.append(received((await store.put_bytes(data, "application/xml")).key, data))
    async with temp_topics(settings, "document.received", "document.recognized") as (inbound, outbound):
        env = {"BF_PG_DATABASE": settings.pg_database, "BF_CONSUMER_GROUP": f"g-{inbound}",
               "BF_TEST_INBOUND": inbound, "BF_TEST_OUTBOUND": outbound}
        proc = await spawn_file(HARNESS, env={**env, "BF_TEST_HOLD_S": "60"}, stdout=asyncio.subprocess.PIPE)
        try:
            await publish_events(settings, inbound, *events)
            held = await next_prepared(proc, timeout=120)
            # the document is read and its outcome kept by hash, yet no transaction of the worker is open
            open_transactions = await fetchval(
                dsn, "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() "
                     "AND clock_timestamp() - xact_start > interval '1 second'", settings.pg_database)
            assert open_transactions == 0, "prepare must run outside the inbox transaction"
            # read and kept by hash (the worker reads up to BF_CONSUMER_CONCURRENCY documents at once), none applied
            assert 1 <= await fetchval(dsn, "SELECT count(*) FROM recognition_results") <= DOCUMENTS
            await kill9(proc)
            assert await fetchval(dsn, "SELECT count(*) FROM inbox") == 0
            proc = await spawn_file(HARNESS, env=env)
            records = await read_topic(settings, outbound, expect=DOCUMENTS, timeout=180)
            await asyncio.sleep(3)  # a late duplicate would arrive now
            records = await read_topic(settings, outbound, expect=DOCUMENTS + 1, timeout=5)
        finally:
            await terminate(proc)
    try:
        proposed = Counter(deserialize("document.recognized", r.value).document_id for r in records)
        assert set(proposed) == {e.document_id for e in events}
        assert set(proposed.values()) == {1}, f"each document proposed once: {proposed}"
        assert str(uuid.UUID(held)) in {str(e.document_id) for e in events}
        assert await fetchval(dsn, "SELECT count(*) FROM recognition_results") == DOCUMENTS
    finally:
        await drop_database(settings.dsn("postgres"), settings.pg_database)
