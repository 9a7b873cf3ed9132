"""The integrators' ACLs on a real broker (issue 18): a Kafka of the local stack's version, configured as
infra/kafka.yaml asks Strimzi to (a plain listener whose ANONYMOUS is the super user, a TLS + SCRAM-SHA-512
listener, the standard authorizer), with the ACLs of every KafkaUser of deploy/k8s/integrators. The integrator
reads each public topic with a group of its prefix and commits, and is refused everything else.

Needs Java and the Kafka jars that `make up` caches (deploy/local/kafka.sh); skipped without them.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import (GroupAuthorizationFailedError, KafkaConnectionError, KafkaError,
                             TopicAuthorizationFailedError)
from aiokafka.helpers import create_ssl_context
from aiokafka.protocol.admin import CreateAclsRequest
from contracts.registry import INTEGRATOR_TOPICS, TOPICS

from k8s_testkit import ROOT, objects, stack_env

PASSWORD = "integrator-test-password"
INTERNAL = ("dossier.changed", "notification.requested", "proposal.created.dlq")
# the Kafka protocol's codes (org.apache.kafka.common.acl / resource)
RESOURCE = {"topic": 2, "group": 3}
PATTERN = {"literal": 3, "prefix": 4}
OPERATION = {"Read": 3, "Write": 4, "Create": 5, "Delete": 6, "Alter": 7, "Describe": 8}
ALLOW = 3


def _jars() -> Path | None:
    cache = Path(os.environ.get("BF_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                 / "bookingfactory")
    pom = hashlib.sha256((ROOT / "deploy/local/kafka/pom.xml").read_bytes()).hexdigest()[:12]
    lib = cache / "kafka" / f"{stack_env()['BF_KAFKA_VERSION']}-{pom}" / "lib"
    return lib if list(lib.glob("kafka_2.13-*.jar")) else None


pytestmark = pytest.mark.skipif(not (shutil.which("java") and shutil.which("openssl") and _jars()),
                                reason="no Java/openssl or no Kafka jars cached by `make up`")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _user() -> dict:
    (user,) = objects("KafkaUser", "integrators").values()  # one example; a copy per integrator in real use
    return user


def _server_properties(folder: Path, plain: int, controller: int, external: int) -> str:
    """What Strimzi makes of infra/kafka.yaml's listeners and authorization, on one node."""
    (kafka,) = objects("Kafka", "infra").values()
    spec = kafka["spec"]["kafka"]
    (ext,) = [li for li in spec["listeners"] if "authentication" in li]
    mechanism = {"scram-sha-512": "SCRAM-SHA-512"}[ext["authentication"]["type"]]
    protocol = "SASL_SSL" if ext["tls"] else "SASL_PLAINTEXT"
    supers = ";".join(f"User:{u}" for u in spec["authorization"]["superUsers"])
    module = "org.apache.kafka.common.security.scram.ScramLoginModule required;"
    return "\n".join([
        "process.roles=broker,controller", "node.id=1", f"controller.quorum.bootstrap.servers=127.0.0.1:{controller}",
        f"listeners=PLAIN://127.0.0.1:{plain},CONTROLLER://127.0.0.1:{controller},EXTERNAL://127.0.0.1:{external}",
        f"advertised.listeners=PLAIN://127.0.0.1:{plain},EXTERNAL://127.0.0.1:{external}",
        "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAIN",
        f"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAIN:PLAINTEXT,EXTERNAL:{protocol}",
        f"log.dirs={folder / 'data'}", "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false",
        "num.network.threads=1", "num.io.threads=2",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer", f"super.users={supers}",
        f"listener.name.external.sasl.enabled.mechanisms={mechanism}",
        f"listener.name.external.{mechanism.lower()}.sasl.jaas.config={module}",
        "listener.name.external.ssl.keystore.type=PEM",
        f"listener.name.external.ssl.keystore.location={folder / 'keystore.pem'}", ""])


def _wait_for_port(port: int, broker: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if broker.poll() is not None:
            pytest.fail(f"the broker stopped: {log.read_text()[-2000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    pytest.fail("the broker did not listen in time")


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kafka-acl")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder / "key.pem", "-out", folder / "ca.pem"],
                   check=True, capture_output=True, timeout=60)
    (folder / "keystore.pem").write_text((folder / "key.pem").read_text() + (folder / "ca.pem").read_text())
    plain, controller, external = _free_port(), _free_port(), _free_port()
    (folder / "server.properties").write_text(_server_properties(folder, plain, controller, external))
    classpath = f"{_jars()}/*"
    cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    user = _user()["metadata"]["name"]
    subprocess.run(["java", "-cp", classpath, "kafka.tools.StorageTool", "format", "--standalone", "-t", cluster_id,
                    "-c", folder / "server.properties", "--add-scram",
                    f"SCRAM-SHA-512=[name={user},password={PASSWORD}]"], check=True, capture_output=True, timeout=180)
    log = folder / "broker.log"
    with log.open("w") as out:
        process = subprocess.Popen(["java", "-Xmx256m", "-Xms64m", "-cp", classpath, "kafka.Kafka",
                                    folder / "server.properties"], stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(external, process, log)
        asyncio.run(_provision(plain))
        yield {"plain": f"127.0.0.1:{plain}", "external": f"127.0.0.1:{external}", "ca": str(folder / "ca.pem"),
               "user": user}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


async def _provision(plain: int) -> None:
    """As the services would (plain listener, ANONYMOUS): the topics, one event in each, the KafkaUser's ACLs."""
    topics = [*INTEGRATOR_TOPICS, *INTERNAL]
    admin = AIOKafkaAdminClient(bootstrap_servers=f"127.0.0.1:{plain}", request_timeout_ms=60000)
    for attempt in range(60):  # the listener is open a little before the broker answers metadata
        try:
            await admin.start()
            break
        except KafkaConnectionError:
            await asyncio.sleep(1)
    try:
        await admin.create_topics([NewTopic(t, 1, 1) for t in topics])
        user = _user()
        principal = f"User:{user['metadata']['name']}"
        for acl in user["spec"]["authorization"]["acls"]:
            resource = acl["resource"]
            for op in acl["operations"]:
                request = CreateAclsRequest(RESOURCE[resource["type"]], resource["name"],
                                            PATTERN[resource.get("patternType", "literal")], principal,
                                            acl.get("host", "*"), OPERATION[op], ALLOW)
                response = await admin._send_request(request)  # aiokafka has no public ACL call
                assert [r[0] for r in response.creation_responses] == [0], response
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=f"127.0.0.1:{plain}")
    await producer.start()
    try:
        for topic in topics:
            await producer.send_and_wait(topic, b'{"event": "test"}', key=b"dossier-1")
    finally:
        await producer.stop()


def _login(broker: dict, password: str = PASSWORD) -> dict:
    return dict(bootstrap_servers=broker["external"], security_protocol="SASL_SSL", sasl_mechanism="SCRAM-SHA-512",
                sasl_plain_username=broker["user"], sasl_plain_password=password,
                ssl_context=create_ssl_context(cafile=broker["ca"]), request_timeout_ms=30000)


async def _read(broker: dict, topic: str, group: str, password: str = PASSWORD) -> int:
    """Read what `topic` holds as the integrator, with `group`, and commit: the number of records."""
    consumer = AIOKafkaConsumer(topic, group_id=group, auto_offset_reset="earliest", enable_auto_commit=False,
                                **_login(broker, password))
    try:
        await consumer.start()
        got = 0
        for _ in range(20):
            got += sum(len(records) for records in (await consumer.getmany(timeout_ms=1000)).values())
            if got:
                break
        await consumer.commit()
        return got
    finally:
        await consumer.stop()


def test_the_integrator_reads_every_public_topic_with_a_group_of_its_prefix(broker):
    for topic in INTEGRATOR_TOPICS:
        assert asyncio.run(_read(broker, topic, f"{broker['user']}.warehouse")) == 1, topic


@pytest.mark.parametrize("topic", INTERNAL)
def test_internal_and_dead_letter_topics_are_refused(broker, topic):
    assert topic in TOPICS or topic.endswith(".dlq")
    with pytest.raises(TopicAuthorizationFailedError):
        asyncio.run(_read(broker, topic, f"{broker['user']}.warehouse"))


@pytest.mark.parametrize("group", ["bf-worklist", "acme-erp.ledger", "integrator-exampl"])
def test_a_group_outside_its_prefix_is_refused(broker, group):
    with pytest.raises(GroupAuthorizationFailedError):
        asyncio.run(_read(broker, "proposal.created", group))


def test_the_integrator_writes_nothing(broker):
    async def produce():
        producer = AIOKafkaProducer(**_login(broker))
        await producer.start()
        try:
            await producer.send_and_wait("proposal.created", b"{}", key=b"dossier-1")
        finally:
            await producer.stop()

    with pytest.raises(TopicAuthorizationFailedError):
        asyncio.run(produce())


def test_a_wrong_password_gets_nothing(broker):
    with pytest.raises(KafkaError):
        asyncio.run(_read(broker, "proposal.created", f"{broker['user']}.warehouse", password="not-the-password"))
