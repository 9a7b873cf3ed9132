"""Offline checks of deploy/k8s: the properties that would break a deployment, found without a cluster.

Raw files are read as they are committed (kustomize patches included), so the checks run anywhere;
when kubectl is installed, the kustomizations are also built and the rendered output checked.
Tryton, outgoing mail and the calls between services have their own files beside this one.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from k8s_testkit import (ROOT, K8S, KUSTOMIZATIONS, WORKLOADS, PLACEHOLDER, stack_env, yaml_files, documents,
                         kustomization, inline_patches, objects, containers, service_folders, contract_topics,
                         port_number, settings_fields, url_name, secret_values)


def test_every_yaml_file_parses_into_named_objects():
    assert yaml_files(), "no manifests found"
    for path in yaml_files():
        for doc in yaml.safe_load_all(path.read_text()):
            if path.name != "kustomization.yaml":
                assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"], path


def test_kustomizations_reference_existing_files_and_every_file_is_referenced():
    used: set[Path] = set()
    for folder in KUSTOMIZATIONS:
        k = kustomization(folder)
        refs = k.get("resources", []) + [p["path"] for p in k.get("patches", []) if "path" in p]
        for ref in refs:
            target = (K8S / folder / ref).resolve()
            assert target.is_file() or (target / "kustomization.yaml").is_file(), f"{folder}: {ref} does not exist"
            used.add(target)
    orphans = [p for p in yaml_files() if p.name != "kustomization.yaml" and p.resolve() not in used]
    assert not orphans, f"manifests no kustomization applies: {orphans}"


def test_every_service_has_a_deployment_and_a_service():
    deployments, services = objects("Deployment", "base"), objects("Service", "base")
    for svc in service_folders():
        assert svc in deployments, f"services/{svc} has no Deployment"
        assert svc in services, f"services/{svc} has no Service"
    assert set(deployments) == set(service_folders()), "a Deployment without a service folder"


@pytest.mark.parametrize("svc", service_folders())
def test_ports_follow_stack_env_through_probes_and_service(svc):
    port = int(stack_env()[f"BF_PORT_{svc.replace('-', '_').upper()}"])
    deployment, service = objects("Deployment", "base")[svc], objects("Service", "base")[svc]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    metrics = int(env.get("BF_METRICS_PORT") or port)  # a separate /metrics listener (the portal's)
    served = [p["containerPort"] for p in container["ports"] if p["name"] != "smtp"]  # ingest's SMTP: test_smtp_ingest
    assert served == sorted({port, metrics})
    assert env["BF_HTTP_PORT"] == str(port) and env["BF_SERVICE"] == svc
    probes = [p for p in ("startupProbe", "readinessProbe", "livenessProbe") if p in container]
    assert {"readinessProbe", "livenessProbe"} <= set(probes)
    for probe in probes:
        assert container[probe]["httpGet"]["path"] == "/healthz", probe
        assert port_number(container, container[probe]["httpGet"]["port"]) == port, probe
    assert [port_number(container, p["targetPort"]) for p in service["spec"]["ports"]] == [port]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items(), "Service selects no pod of the Deployment"
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/port"] == str(metrics) and annotations["prometheus.io/path"] == "/metrics"


@pytest.mark.parametrize("svc", service_folders())
def test_deployment_runs_its_own_package_from_the_shared_image(svc):
    pkg = svc.replace("-", "_")
    (container,) = objects("Deployment", "base")[svc]["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "bf-services" and container["args"] == [pkg]
    assert (ROOT / "services" / svc / "src" / pkg / "__main__.py").is_file(), f"`python -m {pkg}` has no __main__"


def test_every_env_name_is_a_settings_field():
    fields = settings_fields() | {url_name(svc) for svc in service_folders()}
    sources = {**objects("ConfigMap"), **objects("Secret")}
    names: set[str] = set()
    for workload in (d for d in documents() if d["kind"] in WORKLOADS):
        for c in containers(workload):
            if c["image"] != "bf-services":
                continue
            own = {e["name"] for e in c.get("env", [])}  # a service's own settings, e.g. sync-connector's BF_TRYTON_*
            if own - fields:
                unknown = sorted(own - settings_fields(c.get("args", [None])[0]))
                assert not unknown, f"{workload['metadata']['name']}: not fields of its settings (typo?): {unknown}"
            for ref in c.get("envFrom", []):
                source = sources[(ref.get("configMapRef") or ref.get("secretRef"))["name"]]
                names |= set(source.get("data", {})) | set(source.get("stringData", {}))
    for _, patch in inline_patches():  # e.g. an overlay's ConfigMap patch
        if isinstance(patch, dict) and patch["kind"] in {"ConfigMap", "Secret"} and patch["metadata"]["name"].startswith("bf-"):
            names |= set(patch.get("data", {})) | set(patch.get("stringData", {}))
    unknown = sorted(names - fields)
    assert not unknown, f"not fields of runtime.config.Settings (typo?): {unknown}"


def test_kafka_topics_match_the_contract_registry():
    topics = {t["spec"].get("topicName", name): t["spec"] for name, t in objects("KafkaTopic", "infra").items()}
    wanted = contract_topics()
    assert set(topics) == set(wanted), f"missing {set(wanted) - set(topics)}, unknown {set(topics) - set(wanted)}"
    for name, spec in topics.items():
        assert spec["partitions"] == wanted[name], name
        assert spec["replicas"] == 3 and spec["config"]["min.insync.replicas"] == 2, name
    (kafka,) = objects("Kafka", "infra").values()
    assert kafka["spec"]["kafka"]["config"]["auto.create.topics.enable"] is False
    assert "topicOperator" in kafka["spec"]["entityOperator"], "KafkaTopic CRs need the Topic Operator"
    assert all(t["metadata"]["labels"]["strimzi.io/cluster"] == kafka["metadata"]["name"]
               for t in objects("KafkaTopic", "infra").values())


def test_secrets_hold_only_placeholders():
    for name, secret in objects("Secret").items():
        for key, value in secret_values(secret).items():
            if key == "username":
                continue
            if key.endswith(".json"):
                creds = [c for i in json.loads(value)["identities"] for c in i["credentials"]]
                assert creds and all(v.startswith(PLACEHOLDER) for c in creds for v in c.values()), name
            else:
                assert value.startswith(PLACEHOLDER), f"Secret {name}/{key} holds a real value"


def test_secret_templates_and_infra_agree_with_the_config():
    config = objects("ConfigMap", "base")["bf-config"]["data"]
    services = secret_values(objects("Secret", "base")["bf-secrets"])
    pg = secret_values(objects("Secret", "infra")["bf-pg-app"])
    assert pg == {"username": config["BF_PG_USER"], "password": services["BF_PG_PASSWORD"]}
    (cluster,) = objects("Cluster", "infra").values()
    assert cluster["spec"]["bootstrap"]["initdb"]["owner"] == config["BF_PG_USER"]
    assert any(r["name"] == config["BF_PG_USER"] and r["createdb"] for r in cluster["spec"]["managed"]["roles"]), \
        "services create their databases: the role needs CREATEDB"
    assert config["BF_PG_HOST"] == f"{cluster['metadata']['name']}-rw"
    (kafka,) = objects("Kafka", "infra").values()
    (plain,) = [li for li in kafka["spec"]["kafka"]["listeners"] if not li["tls"]]
    assert config["BF_KAFKA_BOOTSTRAP"] == f"{kafka['metadata']['name']}-kafka-bootstrap:{plain['port']}"
    s3 = json.loads(secret_values(objects("Secret", "infra")["bf-seaweedfs-s3"])["s3.json"])
    assert {"accessKey": services["BF_S3_ACCESS_KEY"], "secretKey": services["BF_S3_SECRET_KEY"]} in \
        [c for i in s3["identities"] for c in i["credentials"]]
    seaweed = objects("Service", "infra")["bf-seaweedfs"]
    assert config["BF_S3_ENDPOINT"] in {f"{seaweed['metadata']['name']}:{p['port']}" for p in seaweed["spec"]["ports"]}


def test_every_container_has_requests_and_limits():
    for workload in (d for d in documents() if d["kind"] in WORKLOADS):
        for c in containers(workload):
            for bound in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(c.get("resources", {}).get(bound, {})), \
                    f"{workload['metadata']['name']}/{c['name']}: no {bound}"
    operated = [*objects("KafkaNodePool").values(), *objects("Cluster").values()]
    operated += [{"metadata": k["metadata"], "spec": k["spec"]["entityOperator"]["topicOperator"]}
                 for k in objects("Kafka").values()]
    for obj in operated:
        assert {"cpu", "memory"} <= set(obj["spec"]["resources"]["limits"]), obj["metadata"]["name"]


def test_workloads_run_unprivileged():
    for workload in (d for d in documents() if d["kind"] in WORKLOADS):
        assert workload["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
        for c in containers(workload):
            ctx = c["securityContext"]
            assert ctx["capabilities"]["drop"] == ["ALL"] and ctx["allowPrivilegeEscalation"] is False, c["name"]
            assert ctx["readOnlyRootFilesystem"] is True, c["name"]


def test_recognition_never_scales_past_the_partitions():
    limit = contract_topics()["document.received"]
    assert limit <= 12
    scaled = objects("ScaledObject", "base")["recognition"]["spec"]
    assert scaled["maxReplicaCount"] <= limit and scaled["minReplicaCount"] == 1
    assert objects("HorizontalPodAutoscaler", "base")["enrichment"]["spec"]["maxReplicas"] == 4
    for folder, patch in inline_patches():
        if isinstance(patch, list):
            for op in patch:
                if op["path"] in ("/spec/maxReplicas", "/spec/maxReplicaCount"):
                    assert op["value"] <= limit, f"{folder} raises an autoscaler to {op['value']}"
    assert "recognition" in objects("PodDisruptionBudget", "base")


def test_recognition_scales_on_the_lag_of_its_consumer_group_not_on_cpu():
    """Issue 18: KEDA's Kafka trigger on the group and topic recognition really consumes, no CPU HPA."""
    from contracts.consumers import CONSUMERS

    assert "recognition" not in objects("HorizontalPodAutoscaler", "base")
    (trigger,) = objects("ScaledObject", "base")["recognition"]["spec"]["triggers"]
    config = objects("ConfigMap", "base")["bf-config"]["data"]
    assert trigger["type"] == "kafka" and "recognition" in CONSUMERS[trigger["metadata"]["topic"]]
    assert trigger["metadata"]["topic"] == "document.received"
    assert trigger["metadata"]["consumerGroup"] == "bf-recognition"  # the runtime's default group: bf-<service>
    assert trigger["metadata"]["bootstrapServers"] == config["BF_KAFKA_BOOTSTRAP"]
    assert int(trigger["metadata"]["lagThreshold"]) > 0 and trigger["metadata"]["allowIdleConsumers"] == "false"


def test_only_the_portal_is_reachable_from_outside():
    backends = [p["backend"]["service"]["name"] for ing in objects("Ingress").values()
                for rule in ing["spec"]["rules"] for p in rule["http"]["paths"]]
    assert backends and set(backends) == {"portal"}
    from_ingress = [np for np in objects("NetworkPolicy").values() for rule in np["spec"].get("ingress", [])
                    if any(peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
                           == "ingress-nginx" for peer in rule["from"])]
    assert [np["spec"]["podSelector"]["matchLabels"] for np in from_ingress] == [{"app.kubernetes.io/name": "portal"}]


def test_services_may_reach_kafka_postgres_and_s3():
    policy = objects("NetworkPolicy", "base")["bf-services"]
    selected = policy["spec"]["podSelector"]["matchLabels"].items()
    for svc in objects("Deployment", "base").values():
        assert selected <= svc["spec"]["template"]["metadata"]["labels"].items(), svc["metadata"]["name"]
    (kafka,) = objects("Kafka", "infra").values()
    (cluster,) = objects("Cluster", "infra").values()
    seaweed = objects("StatefulSet", "infra")["bf-seaweedfs"]["spec"]["template"]["metadata"]["labels"]
    assert not selected <= seaweed.items(), "the service policy must not fence in the object store"
    wanted = {9092: {"strimzi.io/cluster": kafka["metadata"]["name"]},
              5432: {"cnpg.io/cluster": cluster["metadata"]["name"]},
              8333: {k: v for k, v in seaweed.items() if k == "app.kubernetes.io/name"}}
    egress = {p["port"]: peer["podSelector"]["matchLabels"] for rule in policy["spec"]["egress"]
              for p in rule["ports"] for peer in rule.get("to", [])}
    for port, labels in wanted.items():
        assert egress.get(port) == labels, f"no egress to port {port} of {labels}"


def test_containerfile_builds_one_image_for_every_service():
    text = (ROOT / "deploy/container/Containerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\s*$", text, re.M)
    assert 'ENTRYPOINT ["python", "-m"]' in text and re.search(r"^USER (?!root|0\b)", text, re.M)
    for package in ("tesseract-ocr-fra", "tesseract-ocr-nld", "tesseract-ocr-deu", "tesseract-ocr-eng", "poppler-utils"):
        assert package in text
    assert "constraints.txt" in text and "./services/*" in text and "-e " not in text


KUBECTL = shutil.which("kubectl")


@pytest.mark.skipif(KUBECTL is None, reason="kubectl not installed; the raw-file checks above still ran")
@pytest.mark.parametrize("folder", KUSTOMIZATIONS)
def test_kustomization_builds(folder):
    built = subprocess.run([KUBECTL, "kustomize", str(K8S / folder)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    docs = [d for d in yaml.safe_load_all(built.stdout) if d]
    assert all(d["metadata"].get("namespace") == "bookingfactory" for d in docs if d["kind"] != "Namespace")
    if folder.startswith("overlays/"):
        images = {c["image"] for d in docs if d["kind"] in WORKLOADS for c in containers(d)}
        assert len(images) == 1 and not images & {"bf-services"}, f"overlay must name the registry image: {images}"
        (config,) = [d["data"] for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "bf-config"]
        base = objects("ConfigMap", "base")["bf-config"]["data"]
        assert {n: v for n, v in config.items() if n.startswith("BF_URL_")} == \
            {n: v for n, v in base.items() if n.startswith("BF_URL_")}, "an overlay changes the services' addresses"
        for scaled in (d for d in docs if d["kind"] == "ScaledObject" and d["metadata"]["name"] == "recognition"):
            assert scaled["spec"]["maxReplicaCount"] <= contract_topics()["document.received"]
    if folder == "infra":
        images = {c["image"] for d in docs if d["kind"] in WORKLOADS for c in containers(d)}
        tryton_images = {i for i in images if i.rsplit("/", 1)[-1].split(":")[0] == "bf-tryton"}
        assert tryton_images and "bf-tryton" not in tryton_images, f"infra must name Tryton's registry image: {images}"
    if folder == "overlays/production":
        assert not [d for d in docs if d["kind"] == "Secret"], "production must not apply placeholder Secrets"
