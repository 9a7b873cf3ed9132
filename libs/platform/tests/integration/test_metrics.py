"""Consumer lag measured against the real Kafka of the stack, on a throw-away topic."""
import os
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.structs import OffsetAndMetadata
from prometheus_client import REGISTRY

from runtime.metrics import measure_consumer_lag

pytestmark = pytest.mark.integration


@pytest.fixture
def bootstrap() -> str:
    return os.environ["BF_KAFKA_BOOTSTRAP"]


@pytest.fixture
async def topic(bootstrap):
    name = f"bf-test-lag-{uuid.uuid4().hex[:10]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1)])
        yield name
    finally:
        await admin.delete_topics([name])
        await admin.close()


async def _produce(bootstrap: str, topic: str, count: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", request_timeout_ms=10_000)
    await producer.start()
    try:
        for i in range(count):
            await producer.send_and_wait(topic, f"message {i}".encode(), key=b"dossier-1", partition=0)
    finally:
        await producer.stop()


async def _commit(bootstrap: str, group: str, topic: str, offset: int) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic, 0)])
        await consumer.commit({TopicPartition(topic, 0): OffsetAndMetadata(offset, "")})
    finally:
        await consumer.stop()


async def test_lag_is_end_offset_minus_committed_offset(bootstrap, topic):
    group = f"bf-test-group-{uuid.uuid4().hex[:8]}"
    await _produce(bootstrap, topic, 5)
    await _commit(bootstrap, group, topic, 2)

    lag = await measure_consumer_lag(bootstrap, group, [topic], service="lag-test")

    assert lag == {(topic, 0): 3}
    labels = {"service": "lag-test", "group": group, "topic": topic, "partition": "0"}
    assert REGISTRY.get_sample_value("bf_consumer_lag", labels) == 3


async def test_a_group_that_never_committed_lags_by_the_whole_log(bootstrap, topic):
    await _produce(bootstrap, topic, 4)
    lag = await measure_consumer_lag(bootstrap, f"bf-test-new-{uuid.uuid4().hex[:8]}", [topic])
    assert lag == {(topic, 0): 4}
