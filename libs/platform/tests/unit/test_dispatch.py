"""runtime.dispatch.KeyedDispatcher with a fake Kafka client (issue 18 items 3-4): dossiers taken in turn, one
record at a time per dossier, and offsets committed only below what is still in work, also when stopped."""
import asyncio
from types import SimpleNamespace

from aiokafka import TopicPartition

from runtime.consumer import Outcome
from runtime.dispatch import KeyedDispatcher

TP = TopicPartition("document.received", 0)


class FakeKafka:
    def __init__(self, records):
        self.batches = [{TP: records}]
        self.commits = []

    def subscribe(self, topics, listener=None):
        self.topics = topics

    async def start(self):
        return None

    async def getmany(self, timeout_ms=0, max_records=None):
        if self.batches:
            return self.batches.pop(0)
        await asyncio.sleep(timeout_ms / 1000)
        return {}

    async def commit(self, offsets):
        self.commits.append({tp: meta.offset for tp, meta in offsets.items()})

    async def stop(self):
        return None


class FakeConsumer:
    name = "g"
    handlers = {"document.received": None}
    topics = ["document.received"]

    def __init__(self, hold: set[int] = frozenset()):
        self.applied, self.hold = [], hold
        self.running = 0
        self.most_running = 0
        self.release = asyncio.Event()

    async def process(self, delivery, value, headers, key):
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            if delivery.offset in self.hold:
                await self.release.wait()
            await asyncio.sleep(0.01)
            self.applied.append(value.decode())
            return Outcome.APPLIED
        finally:
            self.running -= 1


def records(keys):
    return [SimpleNamespace(topic=TP.topic, partition=0, offset=n, key=key.encode(), value=f"{key}{n}".encode(),
                            headers=[]) for n, key in enumerate(keys)]


def dispatcher(consumer, kafka, concurrency):
    d = KeyedDispatcher(consumer, "127.0.0.1:1", concurrency=concurrency, commit_interval_s=0.05)
    d._kafka = kafka
    return d


async def until(predicate, timeout=5.0):
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met")


async def test_a_single_record_of_another_dossier_is_served_after_one_record_of_the_backlog():
    consumer, kafka = FakeConsumer(), FakeKafka(records(["A"] * 20 + ["B"]))
    d = dispatcher(consumer, kafka, concurrency=1)
    await d.start()
    await until(lambda: len(consumer.applied) == 21)
    await d.stop()
    assert consumer.applied[:2] == ["A0", "B20"]
    assert [v for v in consumer.applied if v.startswith("A")] == [f"A{n}" for n in range(20)]  # in order
    assert kafka.commits[-1] == {TP: 21}


async def test_one_record_at_a_time_per_dossier_several_dossiers_at_once():
    consumer, kafka = FakeConsumer(), FakeKafka(records(["A", "B", "C", "A", "B", "C"] * 3))
    d = dispatcher(consumer, kafka, concurrency=4)
    await d.start()
    await until(lambda: len(consumer.applied) == 18)
    await d.stop()
    assert consumer.most_running == 3  # three dossiers, never two records of one at once
    for key in "ABC":
        mine = [int(v[1:]) for v in consumer.applied if v[0] == key]
        assert mine == sorted(mine)


async def test_stopped_with_a_record_in_work_commits_below_it():
    consumer, kafka = FakeConsumer(hold={2}), FakeKafka(records(["A", "B", "C", "D", "E"]))
    d = dispatcher(consumer, kafka, concurrency=2)
    await d.start()
    await until(lambda: len(consumer.applied) == 4)  # all but offset 2, which hangs
    await asyncio.sleep(0.1)
    await d.stop()
    assert "C2" not in consumer.applied
    assert kafka.commits[-1] == {TP: 2}, "offset 2 is redelivered; 3 and 4 again too, the inbox absorbs them"


async def test_with_the_default_concurrency_a_waiting_record_leaves_room_for_what_it_waits_for():
    """A document event of a new dossier waits (runtime.replica.require) for that dossier's dossier.changed, which
    sits behind it under another key: every service reads through the dispatcher, so one worker would wait alone."""
    from runtime.config import Settings

    consumer, kafka = FakeConsumer(hold={0}), FakeKafka(records(["document-of-X", "dossier-X"]))
    original = consumer.process

    async def process(delivery, value, headers, key):
        outcome = await original(delivery, value, headers, key)
        if value.startswith(b"dossier-X"):
            consumer.release.set()  # the dossier is replicated: the waiting document goes on
        return outcome

    consumer.process = process
    d = dispatcher(consumer, kafka, concurrency=Settings(service="t").consumer_concurrency)
    await d.start()
    await until(lambda: len(consumer.applied) == 2, timeout=2.0)
    await d.stop()
    assert consumer.applied == ["dossier-X1", "document-of-X0"]
