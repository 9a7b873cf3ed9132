"""Integrators on Kafka (issue 18): an authenticated listener (TLS + SCRAM-SHA-512) beside the services' plain one,
and a KafkaUser per integrator that may only read the public event topics of the contract registry."""
from __future__ import annotations

import copy
import re

import pytest
from contracts.registry import DLQ_SUFFIX, INTEGRATOR_TOPICS, TOPICS

from k8s_testkit import ROOT, objects, selects, pod_labels, service_folders

READ_ONLY = {"Read", "Describe"}


def _kafka() -> dict:
    (kafka,) = objects("Kafka", "infra").values()
    return kafka


def _listeners() -> dict[str, dict]:
    return {li["name"]: li for li in _kafka()["spec"]["kafka"]["listeners"]}


def acl_problems(user: dict) -> list[str]:
    """Why a KafkaUser is not a read-only integrator of the public topics (empty: it is one)."""
    name, spec = user["metadata"]["name"], user["spec"]
    problems = []
    if user["metadata"].get("labels", {}).get("strimzi.io/cluster") != _kafka()["metadata"]["name"]:
        problems.append("not labelled for the cluster bf-kafka (the User Operator would ignore it)")
    if spec.get("authentication", {}).get("type") != "scram-sha-512":
        problems.append("authentication is not scram-sha-512 (the external listener's)")
    if name.startswith("bf-"):
        problems.append("bf-* names are the services' (their consumer groups are bf-<service>)")
    authz = spec.get("authorization", {})
    if authz.get("type") != "simple" or not authz.get("acls"):
        problems.append("no simple authorization with ACLs")
    for acl in authz.get("acls", []):
        resource, ops = acl["resource"], set(acl.get("operations") or [acl.get("operation")])
        where = f"{resource.get('type')} {resource.get('name')!r}"
        if acl.get("type", "allow") != "allow" or acl.get("host", "*") != "*":
            problems.append(f"{where}: only allow rules for any host are expected")
        if resource["type"] == "topic":
            if resource.get("patternType", "literal") != "literal" or resource.get("name") not in INTEGRATOR_TOPICS:
                problems.append(f"{where}: not a public topic of contracts.registry.INTEGRATOR_TOPICS")
            if not ops <= READ_ONLY:
                problems.append(f"{where}: {sorted(ops - READ_ONLY)} is more than reading")
        elif resource["type"] == "group":
            if resource.get("patternType") != "prefix" or resource.get("name") != f"{name}.":
                problems.append(f"{where}: the groups must be the user's own prefix {name + '.'!r}")
            if ops != {"Read"}:
                problems.append(f"{where}: a consumer group needs Read only, not {sorted(ops)}")
        else:
            problems.append(f"{where}: integrators get no {resource['type']} rights")
    return problems


def test_integrators_get_an_external_listener_with_tls_and_scram_sha_512():
    listeners = _listeners()
    authenticated = [li for li in listeners.values() if "authentication" in li]
    assert len(authenticated) == 1, "one authenticated listener for integrators"
    (external,) = authenticated
    assert external["tls"] is True and external["authentication"]["type"] == "scram-sha-512"
    assert external["type"] in {"loadbalancer", "nodeport", "ingress", "route"}, "integrators connect from outside"
    assert external["port"] != listeners["plain"]["port"]
    for listener in listeners.values():  # an unauthenticated listener stays inside the cluster
        if "authentication" not in listener:
            assert listener["type"] == "internal", listener["name"]


def test_the_authorizer_enforces_acls_and_only_the_plain_listener_is_super():
    authz = _kafka()["spec"]["kafka"]["authorization"]
    assert authz["type"] == "simple"
    # the services log in as nobody on the plain listener (ANONYMOUS); no KafkaUser may be a super user
    assert authz.get("superUsers") == ["ANONYMOUS"]
    assert not set(authz["superUsers"]) & set(objects("KafkaUser"))
    assert "userOperator" in _kafka()["spec"]["entityOperator"], "KafkaUser CRs need the User Operator"
    assert {"cpu", "memory"} <= set(_kafka()["spec"]["entityOperator"]["userOperator"]["resources"]["limits"])


def test_the_plain_listener_admits_the_services_and_keda_only():
    """ANONYMOUS is a super user, so who reaches the plain port matters: Strimzi's NetworkPolicy admits its peers."""
    peers = _listeners()["plain"]["networkPolicyPeers"]
    assert not any("ipBlock" in p for p in peers)
    for deployment in objects("Deployment", "base").values():
        assert any("podSelector" in p and "namespaceSelector" not in p and selects(p["podSelector"], pod_labels(deployment))
                   for p in peers), f"{deployment['metadata']['name']} cannot reach Kafka"
    for other in ("Deployment", "StatefulSet"):  # e.g. Tryton, SeaweedFS: no Kafka for them
        for name, workload in objects(other, "infra").items():
            assert not any("podSelector" in p and selects(p["podSelector"], pod_labels(workload)) for p in peers), name
    namespaces = [p["namespaceSelector"]["matchLabels"] for p in peers if "namespaceSelector" in p]
    assert namespaces == [{"kubernetes.io/metadata.name": "keda"}]
    (trigger,) = objects("ScaledObject", "base")["recognition"]["spec"]["triggers"]
    assert trigger["metadata"]["bootstrapServers"].endswith(f":{_listeners()['plain']['port']}")


def test_integrator_topics_are_public_contract_topics_and_documented():
    assert INTEGRATOR_TOPICS and set(INTEGRATOR_TOPICS) <= set(TOPICS)
    assert not any(t.endswith(DLQ_SUFFIX) for t in INTEGRATOR_TOPICS)
    assert not {"dossier.changed", "notification.requested", "sync.requested"} & set(INTEGRATOR_TOPICS)
    doc = (ROOT / "docs/integrators.md").read_text()
    table = doc.split("## Topics", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z_.]+)` \|", table, re.M)
    assert listed == list(INTEGRATOR_TOPICS), "docs/integrators.md's topic table and the registry disagree"


def test_every_integrator_reads_the_public_topics_only():
    users = objects("KafkaUser")
    assert users, "no KafkaUser: the example integrator is gone"
    assert set(users) == set(objects("KafkaUser", "integrators")), "integrators live in deploy/k8s/integrators"
    for name, user in users.items():
        assert acl_problems(user) == [], name
    example = users["integrator-example"]
    read = {a["resource"]["name"] for a in example["spec"]["authorization"]["acls"] if a["resource"]["type"] == "topic"}
    assert read == set(INTEGRATOR_TOPICS), "the example reads every public topic"


def _mutated(change) -> dict:
    user = copy.deepcopy(objects("KafkaUser", "integrators")["integrator-example"])
    change(user["spec"]["authorization"]["acls"], user)
    return user


@pytest.mark.parametrize("change, problem", [
    (lambda acls, u: acls[0].update(operations=["Read", "Write"]), "more than reading"),
    (lambda acls, u: acls.append({"resource": {"type": "topic", "name": "dossier.changed"}, "operations": ["Read"]}),
     "not a public topic"),
    (lambda acls, u: acls.append({"resource": {"type": "topic", "name": "proposal.created.dlq"}, "operations": ["Read"]}),
     "not a public topic"),
    (lambda acls, u: acls.append({"resource": {"type": "topic", "name": "*"}, "operations": ["Read"]}),
     "not a public topic"),
    (lambda acls, u: acls[0]["resource"].update(patternType="prefix", name="proposal."), "not a public topic"),
    (lambda acls, u: acls[-1]["resource"].update(name="bf-"), "own prefix"),
    (lambda acls, u: acls.append({"resource": {"type": "cluster"}, "operations": ["Describe"]}), "no cluster rights"),
    (lambda acls, u: acls.append({"resource": {"type": "transactionalId", "name": "x"}, "operations": ["Write"]}),
     "no transactionalId"),
    (lambda acls, u: u["spec"]["authentication"].update(type="tls"), "scram-sha-512"),
])
def test_the_acl_check_catches_what_an_integrator_must_not_get(change, problem):
    assert any(problem in p for p in acl_problems(_mutated(change))), acl_problems(_mutated(change))


def test_consumer_group_prefixes_overlap_neither_each_other_nor_the_services():
    prefixes = {name: f"{name}." for name in objects("KafkaUser")}
    services = [f"bf-{svc}" for svc in service_folders()]  # the runtime's groups
    for name, prefix in prefixes.items():
        assert not any(group.startswith(prefix) for group in services), name
        assert not any(other != name and (o.startswith(prefix) or prefix.startswith(o))
                       for other, o in prefixes.items()), name
