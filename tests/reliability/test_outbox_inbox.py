"""Outbox → Kafka → inbox across two skeleton services, with crashes, on the real stack.

Proves DESIGN.md "Events": state change and event in one transaction, at-least-once relay with
idempotent producer, exactly-once effect through the inbox, offsets committed after the effect.
"""
import asyncio
import contextlib

import asyncpg
import pytest

from runtime import kafka
from runtime.outbox import enqueue
from runtime.relay import OutboxRelay
from runtime.testing import read_topic, temp_topics, wait_for
from tests.reliability.processes import kill9, spawn, terminate
from tests.skeleton import receiver, sender

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def scalar(dsn: str, sql: str):
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def running_relay(settings, dsn):
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    stop = asyncio.Event()
    task = asyncio.create_task(OutboxRelay(dsn, producer, service="skeleton-sender", poll_interval=0.2).run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
        await producer.stop()


@contextlib.asynccontextmanager
async def running_receiver(dsn, topic, group, **options):
    stop = asyncio.Event()
    task = asyncio.create_task(receiver.run(dsn, topic, group, stop=stop, **options))
    try:
        yield
    finally:
        stop.set()
        await task


async def test_walking_skeleton_state_and_event_travel_together(settings, sender_db, receiver_db):
    async with temp_topics(settings, "dossier.changed") as (topic,):
        ids = await sender.create_dossiers(sender_db, topic, 10)
        await receiver.prepare(receiver_db)
        async with running_relay(settings, sender_db), running_receiver(receiver_db, topic, f"g-{topic}"):
            await wait_for(lambda: _count_is(receiver_db, "applied_log", 10))
        records = await read_topic(settings, topic, expect=10)
    replica = await _rows(receiver_db, "SELECT dossier_id, name FROM dossier_replica")
    source = await _rows(sender_db, "SELECT dossier_id, name FROM dossiers")
    assert sorted(replica) == sorted(source) and {r[0] for r in replica} == set(ids)
    assert await scalar(sender_db, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
    headers = dict(records[0].headers)
    assert headers["ce_specversion"] == b"1.0" and headers["ce_source"] == b"/services/skeleton-sender"
    assert headers["ce_id"] and b"dossier.changed" in headers["ce_type"]
    assert all(r.key in {str(i).encode() for i in ids} for r in records)  # keyed by dossier


async def test_rolled_back_change_publishes_nothing(settings, sender_db):
    async with temp_topics(settings, "dossier.changed") as (topic,):
        conn = await asyncpg.connect(sender_db)
        try:
            await conn.execute(sender.SCHEMA)
            with pytest.raises(RuntimeError, match="boom"):
                async with conn.transaction():
                    await enqueue(conn, sender.dossier_event(sender.OFFICE, "X", 0), source="s", topic=topic)
                    raise RuntimeError("boom")
            with pytest.raises(RuntimeError, match="inside the transaction"):
                await enqueue(conn, sender.dossier_event(sender.OFFICE, "X", 0), source="s", topic=topic)
        finally:
            await conn.close()
        assert await scalar(sender_db, "SELECT count(*) FROM outbox") == 0


@pytest.mark.parametrize("concurrency", [1, 4], ids=["faststream", "keyed-dispatcher"])
async def test_consumer_killed_mid_stream_applies_every_event_exactly_once(settings, sender_db, receiver_db, concurrency):
    total = 1000
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await sender.create_dossiers(sender_db, topic, total)
        async with running_relay(settings, sender_db):
            await wait_for(lambda: _unpublished_is(sender_db, 0), timeout=60)
        await receiver.prepare(receiver_db)
        args = ("--dsn", receiver_db, "--topic", topic, "--group", f"g-{topic}", "--delay-ms", "3",
                "--concurrency", str(concurrency))
        proc = await spawn("receiver.py", *args)
        try:
            # 1. SIGKILL from outside, at whatever point the consumer happens to be
            applied = await wait_for(lambda: _count_at_least(receiver_db, "applied_log", 150), timeout=60)
            await kill9(proc)
            assert applied < total, "the consumer must be killed in the middle of the stream"
            # 2. death right after an effect committed and before its offset was: a redelivery is certain
            proc = await spawn("receiver.py", *args, "--exit-after", "200")
            assert await asyncio.wait_for(proc.wait(), 120) == 9
            before_restart = await scalar(receiver_db, "SELECT count(*) FROM applied_log")
            assert before_restart < total
            # 3. a healthy consumer finishes the stream
            proc = await spawn("receiver.py", *args)
            await wait_for(lambda: _count_is(receiver_db, "inbox", total), timeout=120)
            await asyncio.sleep(2)  # let any late redelivery arrive
        finally:
            await terminate(proc)
    assert await scalar(receiver_db, "SELECT count(*) FROM applied_log") == total
    assert await scalar(receiver_db, "SELECT count(DISTINCT event_id) FROM applied_log") == total
    assert await scalar(receiver_db, "SELECT count(*) FROM dossier_replica") == total


async def test_relay_killed_after_publish_duplicate_is_absorbed(settings, sender_db, receiver_db):
    count = 20
    async with temp_topics(settings, "dossier.changed") as (topic,):
        await sender.create_dossiers(sender_db, topic, count)
        crashing = await spawn("relay_proc.py", "--dsn", sender_db, "--crash-after-publish")
        assert await asyncio.wait_for(crashing.wait(), 60) == 9
        assert await scalar(sender_db, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == count
        async with running_relay(settings, sender_db):
            await wait_for(lambda: _unpublished_is(sender_db, 0))
        records = await read_topic(settings, topic, expect=2 * count)
        assert len(records) == 2 * count, "each event was published twice"
        await receiver.prepare(receiver_db)
        async with running_receiver(receiver_db, topic, f"g-{topic}"):
            await wait_for(lambda: _count_is(receiver_db, "inbox", count))
            await asyncio.sleep(1.5)
    assert await scalar(receiver_db, "SELECT count(*) FROM applied_log") == count


async def _rows(dsn, sql):
    conn = await asyncpg.connect(dsn)
    try:
        return [tuple(r) for r in await conn.fetch(sql)]
    finally:
        await conn.close()


async def _count_is(dsn, table, n):
    return await scalar(dsn, f"SELECT count(*) FROM {table}") == n


async def _count_at_least(dsn, table, n):
    value = await scalar(dsn, f"SELECT count(*) FROM {table}")
    return value if value >= n else 0


async def _unpublished_is(dsn, n):
    return await scalar(dsn, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == n
