"""Offline checks of deploy/k8s: the properties that would break a deployment, found without a cluster.

Raw files are read as they are committed (kustomize patches included), so the checks run anywhere;
when kubectl is installed, the kustomizations are also built and the rendered output checked.
"""
from __future__ import annotations

import base64
import configparser
import importlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from contracts.registry import TOPICS
from runtime.admin import DLQ_PARTITIONS
from runtime.config import Settings

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy/k8s"
KUSTOMIZATIONS = ["base", "infra", "overlays/dev", "overlays/production"]
WORKLOADS = {"Deployment", "StatefulSet", "Job"}
PLACEHOLDER = "CHANGE-ME"


def stack_env() -> dict[str, str]:
    lines = (ROOT / "deploy/local/stack.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def yaml_files() -> list[Path]:
    return sorted(p for p in K8S.rglob("*.yaml") if "tests" not in p.relative_to(K8S).parts)


def documents(folder: str = "") -> list[dict]:
    """Every Kubernetes object in the committed files under deploy/k8s/<folder> (kustomizations excluded)."""
    return [doc for path in yaml_files() if path.is_relative_to(K8S / folder) and path.name != "kustomization.yaml"
            for doc in yaml.safe_load_all(path.read_text()) if doc]


def kustomization(folder: str) -> dict:
    return yaml.safe_load((K8S / folder / "kustomization.yaml").read_text())


def inline_patches() -> list[tuple[str, dict | list]]:
    """(folder, parsed patch) for every inline patch of every kustomization."""
    return [(folder, yaml.safe_load(p["patch"])) for folder in KUSTOMIZATIONS
            for p in kustomization(folder).get("patches", []) if "patch" in p]


def objects(kind: str, folder: str = "") -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in documents(folder) if d["kind"] == kind}


def containers(workload: dict) -> list[dict]:
    spec = workload["spec"]["template"]["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def service_folders() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "services").glob("*/pyproject.toml"))


def contract_topics() -> dict[str, int]:
    """Every topic the brokers must hold, with its partitions: each contract topic and its .dlq."""
    partitions = int(stack_env()["BF_KAFKA_PARTITIONS"])
    wanted = {}
    for topic in TOPICS.values():  # the same reading as runtime.admin.wanted_topics (`make up`)
        wanted[topic.name] = topic.partitions or partitions
        wanted[topic.dlq] = DLQ_PARTITIONS
    return wanted


def port_number(container: dict, port: int | str) -> int:
    """A probe's or Service's port, by number or by the container port's name."""
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert port in named, f"port name {port!r} is not a port of container {container['name']}"
    return named[port]


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
    assert [p["containerPort"] for p in container["ports"]] == [port]
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
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
    assert annotations["prometheus.io/port"] == str(port) and annotations["prometheus.io/path"] == "/metrics"


@pytest.mark.parametrize("svc", service_folders())
def test_deployment_runs_its_own_package_from_the_shared_image(svc):
    pkg = svc.replace("-", "_")
    (container,) = objects("Deployment", "base")[svc]["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "bf-services" and container["args"] == [pkg]
    assert (ROOT / "services" / svc / "src" / pkg / "__main__.py").is_file(), f"`python -m {pkg}` has no __main__"


def settings_fields(package: str | None = None) -> set[str]:
    """BF_* names a service reads: runtime.config.Settings, plus its subclasses in <package>.config."""
    classes: list[type] = [Settings]
    if package:
        try:
            module = importlib.import_module(f"{package}.config")
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.config":
                raise
        else:
            classes += [c for c in vars(module).values() if isinstance(c, type) and issubclass(c, Settings)]
    return {f"BF_{name.upper()}" for cls in classes for name in cls.model_fields}


def url_name(svc: str) -> str:
    """The variable Settings.service_url reads for a service's address (not a field: read by name)."""
    return f"BF_URL_{svc.upper().replace('-', '_')}"


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


def secret_values(secret: dict) -> dict[str, str]:
    data = {k: base64.b64decode(v).decode() for k, v in secret.get("data", {}).items()}
    return {**data, **secret.get("stringData", {})}


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
    hpas = objects("HorizontalPodAutoscaler", "base")
    assert hpas["recognition"]["spec"]["maxReplicas"] <= limit
    assert (hpas["recognition"]["spec"]["minReplicas"], hpas["enrichment"]["spec"]["maxReplicas"]) == (1, 4)
    for folder, patch in inline_patches():
        if isinstance(patch, list):
            for op in patch:
                if op["path"] == "/spec/maxReplicas":
                    assert op["value"] <= limit, f"{folder} raises an HPA to {op['value']}"
    assert "recognition" in objects("PodDisruptionBudget", "base")


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


# --- Tryton (infra/tryton.yaml): the accounting software sync-connector posts to

def tryton_modules(script: str) -> list[set[str]]:
    """The modules of every `-u <modules>` line (trytond-admin) of a shell script."""
    return [set(m.split()) for m in re.findall(r"^\s*-u ((?:\w+ ?)+)", script, re.M)]


def tryton() -> dict:
    """The Tryton Deployment of infra, its container, Service, ConfigMap (trytond.conf) and template Job."""
    deployments = [d for d in objects("Deployment", "infra").values()
                   if any(c["image"] == "bf-tryton" for c in containers(d))]
    assert len(deployments) == 1, "infra/ must run exactly one Tryton Deployment (image bf-tryton)"
    (deployment,) = deployments
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    pod = deployment["spec"]["template"]["metadata"]["labels"]
    services = [s for s in objects("Service", "infra").values() if s["spec"]["selector"].items() <= pod.items()]
    assert len(services) == 1, "Tryton needs one Service selecting its pod"
    (config_volume,) = [v for v in deployment["spec"]["template"]["spec"]["volumes"] if "configMap" in v]
    conf = configparser.ConfigParser()
    conf.read_string(objects("ConfigMap", "infra")[config_volume["configMap"]["name"]]["data"]["trytond.conf"])
    jobs = [j for j in objects("Job", "infra").values() if any(c["image"] == "bf-tryton" for c in containers(j))]
    assert len(jobs) == 1, "infra/ must have the Job that builds Tryton's template database"
    return {"deployment": deployment, "container": container, "service": services[0], "conf": conf,
            "config_volume": config_volume["name"], "job": jobs[0]}


def env_of(container: dict) -> dict[str, dict | str]:
    """A container's env: plain values as strings, references as their valueFrom."""
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])}


LABEL_OPERATORS = {
    "In": lambda labels, key, values: key in labels and labels[key] in values,
    "NotIn": lambda labels, key, values: labels.get(key) not in values,
    "Exists": lambda labels, key, _: key in labels,
    "DoesNotExist": lambda labels, key, _: key not in labels,
}


def selects(selector: dict, labels: dict) -> bool:
    """Whether a label selector (matchLabels and matchExpressions, as Kubernetes reads them) selects `labels`."""
    expressions = selector.get("matchExpressions", [])
    return selector.get("matchLabels", {}).items() <= labels.items() and all(
        LABEL_OPERATORS[e["operator"]](labels, e["key"], e.get("values", [])) for e in expressions)


def allowed(direction: str, pod: dict, peer: dict, port: int, port_owner: dict) -> bool:
    """Whether some NetworkPolicy selecting `pod` (labels) lets it talk to/from `peer` (labels, same namespace)
    on `port`; named ports are those of `port_owner`, the container that listens."""
    key = "to" if direction == "egress" else "from"
    for policy in objects("NetworkPolicy").values():
        if not selects(policy["spec"]["podSelector"], pod):
            continue
        for rule in policy["spec"].get(direction, []):
            peers = rule.get(key)
            peer_ok = not peers or any("namespaceSelector" not in p and selects(p.get("podSelector", {}), peer)
                                       for p in peers)
            ports = rule.get("ports")
            if peer_ok and (not ports or any(port_number(port_owner, p["port"]) == port for p in ports)):
                return True
    return False


def pod_labels(workload: dict) -> dict:
    return workload["spec"]["template"]["metadata"]["labels"]


def test_tryton_runs_serve_py_on_the_port_of_its_config_service_and_probes():
    t = tryton()
    deployment, container, service, conf = t["deployment"], t["container"], t["service"], t["conf"]
    assert deployment["spec"]["replicas"] == 1, "trytond keeps every dossier database loaded per process: one replica"
    assert "/opt/bf-tryton/serve.py" in container["command"], "the fixes of deploy/tryton/serve.py, as locally"
    env = env_of(container)
    mounted = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert env["TRYTOND_CONFIG"] == f"{mounted[t['config_volume']]}/trytond.conf"
    assert env["TRYTOND_CONFIG"] in container["command"]
    assert env["BF_TRYTON_DB_PATTERN"] == stack_env()["BF_TRYTON_DB_PREFIX"] + "%"
    port = int(conf["web"]["listen"].rsplit(":", 1)[1])
    assert conf["web"]["listen"].startswith("0.0.0.0:"), "trytond must listen beyond the pod's loopback"
    assert [p["containerPort"] for p in container["ports"]] == [port] == [int(stack_env()["BF_TRYTON_PORT"])]
    assert [port_number(container, p["targetPort"]) for p in service["spec"]["ports"]] == [port]
    ready, alive = container["readinessProbe"], container["livenessProbe"]
    probe = ready["exec"]["command"][-1]  # a JSON-RPC call: trytond answers a GET with 405
    assert f"127.0.0.1:{port}/rpc/" in probe and "common.server.version" in probe
    assert port_number(container, alive["tcpSocket"]["port"]) == port
    assert conf["database"]["path"] in mounted.values(), "attachments need a writable volume (read-only root)"
    assert "/tmp" in mounted.values()
    images = {i["name"]: i for i in kustomization("infra").get("images", [])}
    assert "bf-tryton" in images and images["bf-tryton"]["newName"].endswith("/bf-tryton"), \
        "infra/kustomization.yaml must name Tryton's registry image"


def test_tryton_uses_the_postgres_cluster_with_the_roles_secret():
    t = tryton()
    (cluster,) = objects("Cluster", "infra").values()
    config = objects("ConfigMap", "base")["bf-config"]["data"]
    parts = urlsplit(t["conf"]["database"]["uri"])
    assert parts.scheme == "postgresql" and parts.password is None and parts.username is None, \
        "credentials come from PGUSER/PGPASSWORD (the Secret), never from trytond.conf"
    assert (parts.hostname, parts.port) == (f"{cluster['metadata']['name']}-rw", int(config["BF_PG_PORT"]))
    assert t["conf"]["database"]["default_name"] == "postgres", "template1 would block every CREATE DATABASE"
    secret = cluster["spec"]["bootstrap"]["initdb"]["secret"]["name"]
    assert secret_values(objects("Secret", "infra")[secret])["username"] == config["BF_PG_USER"]
    for workload in (t["deployment"], t["job"]):
        for c in containers(workload):
            env, name = env_of(c), workload["metadata"]["name"]
            assert env["PGUSER"] == {"secretKeyRef": {"name": secret, "key": "username"}}, name
            assert env["PGPASSWORD"] == {"secretKeyRef": {"name": secret, "key": "password"}}, name
        assert allowed("egress", pod_labels(workload), {"cnpg.io/cluster": cluster["metadata"]["name"]}, 5432, {}), \
            f"{workload['metadata']['name']} may not reach Postgres"


def test_tryton_template_job_does_what_the_local_stack_does():
    t = tryton()
    (job_container,) = containers(t["job"])
    env = env_of(job_container)
    local = (ROOT / "deploy/local/tryton.sh").read_text()
    script = (ROOT / "deploy/container/tryton-template.sh").read_text()
    assert tryton_modules(script) == tryton_modules(local) != [], "other modules than deploy/local/tryton.sh"
    for step in ("-l fr nl", "--activate-dependencies", "build_template.py", "template template0", "is_template true"):
        assert step in script, step
    containerfile = (ROOT / "deploy/container/Tryton.Containerfile").read_text()
    assert f"deploy/container/tryton-template.sh /usr/local/bin/{job_container['command'][0]}" in containerfile
    assert env["BF_TRYTON_TEMPLATE_DB"] == stack_env()["BF_TRYTON_TEMPLATE_DB"]
    assert env["TRYTOND_CONFIG"] == env_of(t["container"])["TRYTOND_CONFIG"]
    mounts = {m["mountPath"]: m["name"] for m in job_container["volumeMounts"]}
    volumes = {v["name"]: v for v in t["job"]["spec"]["template"]["spec"]["volumes"]}
    passdir, passfile = env["TRYTONPASSFILE"].rsplit("/", 1)
    admin = volumes[mounts[passdir]]["secret"]
    (item,) = admin["items"]
    assert item["path"] == passfile
    sync = containers(objects("Deployment", "base")["sync-connector"])[0]
    assert env_of(sync)["BF_TRYTON_PASSWORD"] == {"secretKeyRef": {"name": admin["secretName"], "key": item["key"]}}, \
        "sync-connector must log in with the admin password the template was built with"
    assert t["job"]["spec"].get("ttlSecondsAfterFinished"), "a finished Job must go, or the next apply cannot run it"


def test_sync_connector_reaches_tryton():
    t = tryton()
    sync = objects("Deployment", "base")["sync-connector"]
    env = env_of(containers(sync)[0])
    port = t["container"]["ports"][0]["containerPort"]
    service = t["service"]
    urls = json.loads(env["BF_TRYTON_INSTALLATIONS"]).values()
    assert urls and all(u in {f"http://{service['metadata']['name']}:{p['port']}" for p in service["spec"]["ports"]
                              if port_number(t["container"], p["targetPort"]) == port} for u in urls)
    for name in ("BF_TRYTON_DB_PREFIX", "BF_TRYTON_TEMPLATE_DB", "BF_TRYTON_USER"):
        assert env[name] == stack_env()[name], name
    assert env_of(t["container"])["BF_TRYTON_DB_PATTERN"] == env["BF_TRYTON_DB_PREFIX"] + "%"
    tryton_pod, sync_pod = pod_labels(t["deployment"]), pod_labels(sync)
    assert allowed("egress", sync_pod, tryton_pod, port, t["container"]), "sync-connector may not leave for Tryton"
    assert allowed("ingress", tryton_pod, sync_pod, port, t["container"]), "Tryton does not admit sync-connector"
    for name, other in objects("Deployment", "base").items():
        if name != "sync-connector":
            assert not allowed("ingress", tryton_pod, pod_labels(other), port, t["container"]), \
                f"{name} may reach Tryton: only sync-connector posts"
    secret = objects("Secret", "infra")[env["BF_TRYTON_PASSWORD"]["secretKeyRef"]["name"]]
    assert secret_values(secret)[env["BF_TRYTON_PASSWORD"]["secretKeyRef"]["key"]].startswith(PLACEHOLDER)


SMTP_TLS = {25: {"none", "starttls"}, 465: {"tls"}, 587: {"starttls"}}  # submission ports and what they speak


def test_notify_sends_mail_through_a_relay_it_may_reach():
    notify = objects("Deployment", "base")["notify"]
    (container,) = containers(notify)
    env = env_of(container)
    port = int(env["BF_NOTIFY_SMTP_PORT"])
    assert env["BF_NOTIFY_SMTP_HOST"] and "@" in env["BF_NOTIFY_MAIL_FROM"]
    assert env["BF_NOTIFY_SMTP_TLS"] in SMTP_TLS.get(port, ()), f"port {port} does not speak {env['BF_NOTIFY_SMTP_TLS']}"
    notify_pod = pod_labels(notify)
    assert allowed("egress", notify_pod, {}, port, container), f"notify may not leave for its relay on {port}"
    for name, other in objects("Deployment", "base").items():
        if name != "notify":
            assert not any(allowed("egress", pod_labels(other), {}, p, container) for p in SMTP_TLS), \
                f"{name} may send mail: only notify does"
    local = stack_env()  # the same settings exist in the local stack, where they point at the mail sink
    assert {n for n in env if n.startswith("BF_NOTIFY_")} - local.keys() <= \
        {"BF_NOTIFY_SMTP_USERNAME", "BF_NOTIFY_SMTP_PASSWORD"}
    assert (local["BF_NOTIFY_SMTP_HOST"], local["BF_NOTIFY_SMTP_PORT"]) == ("127.0.0.1", local["BF_MAILSINK_PORT"])


def test_notify_links_point_at_the_public_portal():
    url = urlsplit(env_of(containers(objects("Deployment", "base")["notify"])[0])["BF_NOTIFY_PORTAL_URL"])
    ingress = objects("Ingress", "base")["portal"]["spec"]
    assert url.scheme == "https" and url.path in ("", "/")
    assert url.hostname in {rule["host"] for rule in ingress["rules"]}
    assert url.hostname in {h for tls in ingress["tls"] for h in tls["hosts"]}, "links to a host without TLS"


def test_notify_smtp_login_comes_from_a_template_secret_production_leaves_out():
    env = env_of(containers(objects("Deployment", "base")["notify"])[0])
    secrets = objects("Secret", "base")
    refs = [env[n]["secretKeyRef"] for n in ("BF_NOTIFY_SMTP_USERNAME", "BF_NOTIFY_SMTP_PASSWORD")]
    for ref in refs:
        value = secret_values(secrets[ref["name"]])[ref["key"]]
        assert value.startswith(PLACEHOLDER), f"Secret {ref['name']}/{ref['key']} holds a real value"
    deleted = {patch["metadata"]["name"] for folder, patch in inline_patches() if folder == "overlays/production"
               and isinstance(patch, dict) and patch.get("$patch") == "delete" and patch["kind"] == "Secret"}
    assert set(secrets) <= deleted, f"production would apply placeholder Secrets: {set(secrets) - deleted}"


def test_tryton_containerfile_installs_what_the_local_stack_installs():
    text = (ROOT / "deploy/container/Tryton.Containerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\s*$", text, re.M) and re.search(r"^USER (?!root|0\b)", text, re.M)
    for needed in ("deploy/tryton/requirements.txt", "deploy/tryton/modules/bf_external_id",
                   "COPY deploy/tryton/ /opt/bf-tryton/", "libpq5", "postgresql-client"):
        assert needed in text, needed


# --- Service to service: the addresses (BF_URL_*) and NetworkPolicies the code's calls need

SERVICE_CALL = re.compile(r"""\bservice_url\(\s*["']([\w-]+)["']|\bservice_http\(\s*\w+\s*,\s*["']([\w-]+)["']""")
COMPUTED_CALL = re.compile(r"""\bservice_url\(\s*(?!["'])(\w+)""")
CALL_WRAPPERS = {"services/portal/src/portal/adapters/bearer_client.py": "service_http"}  # scanned by SERVICE_CALL
VERIFIES_TOKENS = re.compile(r"\bTokenVerifier\.from_settings\(|\bjwks_url\b")  # JWKS from BF_URL_OFFICE
NOT_CALLS = {("office", "portal", "services/office/src/office/entrypoints/demo.py"):
             "prints the portal's address beside the demo logins, calls nothing"}


def service_calls() -> set[tuple[str, str, str]]:
    """(caller, callee, file) for every address of another service a service's code asks for:
    Settings.service_url("<callee>") and its wrappers, and the office's JWKS where it verifies tokens."""
    calls = set()
    for svc in service_folders():
        for path in sorted((ROOT / "services" / svc / "src").rglob("*.py")):
            text, rel = path.read_text(), path.relative_to(ROOT).as_posix()
            computed = COMPUTED_CALL.findall(text)
            assert not computed or rel in CALL_WRAPPERS, \
                f"{rel}: service_url({computed[0]}) with a computed name: add it to CALL_WRAPPERS, scan its callers"
            calls |= {(svc, literal or wrapped, rel) for literal, wrapped in SERVICE_CALL.findall(text)}
            if VERIFIES_TOKENS.search(text):
                calls.add((svc, "office", rel))
    return calls


def service_pairs() -> set[tuple[str, str]]:
    """(caller, callee): the connections between services the deployment must allow."""
    return {(caller, callee) for caller, callee, rel in service_calls()
            if (caller, callee, rel) not in NOT_CALLS and caller != callee}


def callee_port(callee: str) -> tuple[dict, int]:
    """The callee's container and the pod port its BF_URL_<CALLEE> reaches through its Service."""
    url = urlsplit(objects("ConfigMap", "base")["bf-config"]["data"][url_name(callee)])
    service = objects("Service", "base")[url.hostname]
    (container,) = containers(objects("Deployment", "base")[callee])
    (port,) = [port_number(container, p["targetPort"]) for p in service["spec"]["ports"] if p["port"] == url.port]
    return container, port


def test_the_scan_finds_the_calls_between_services():
    calls, folders = service_calls(), set(service_folders())
    assert {callee for _, callee, _ in calls} <= folders, "service_url of a service that has no folder"
    assert set(NOT_CALLS) <= calls, f"stale NOT_CALLS: {set(NOT_CALLS) - calls}"
    pairs = service_pairs()
    assert {("portal", "office"), ("portal", "ingest"), ("portal", "worklist"), ("ingest", "office")} <= pairs
    for wrapper in CALL_WRAPPERS.values():
        assert any(wrapper in path.read_text() for path in (ROOT / "services").glob("*/src/**/*.py"))
    for path in (ROOT / "libs").glob("*/src/**/*.py"):  # a library cannot say which service calls: only jwks_url
        if path.relative_to(ROOT).as_posix() != "libs/platform/src/runtime/config.py":
            assert not re.search(r"\bservice_url\(", path.read_text()), f"{path}: service_url outside runtime.config"


def test_every_service_address_is_its_service_in_the_config():
    config = objects("ConfigMap", "base")["bf-config"]["data"]
    services, deployments = objects("Service", "base"), objects("Deployment", "base")
    called = {callee for _, callee, _ in service_calls()} | {"office"}  # every token check fetches the JWKS
    wanted = set(service_folders()) | called
    assert {n for n in config if n.startswith("BF_URL_")} == {url_name(svc) for svc in wanted}
    assert not [n for n in config if n.startswith("BF_PORT_")], "BF_PORT_* means 127.0.0.1: in a pod, BF_URL_*"
    for svc in sorted(wanted):
        url = urlsplit(config[url_name(svc)])
        assert url.scheme == "http" and url.path in ("", "/") and url.port, f"{url_name(svc)}: {url.geturl()}"
        assert url.hostname in services, f"{url_name(svc)}: no Service {url.hostname!r}"
        service = services[url.hostname]
        assert url.port in [p["port"] for p in service["spec"]["ports"]], f"{url_name(svc)}: {url.port} is no port of it"
        assert selects({"matchLabels": service["spec"]["selector"]}, pod_labels(deployments[svc])), \
            f"{url_name(svc)}: Service {url.hostname} does not select the pods of {svc}"
        _, port = callee_port(svc)
        assert port == int(stack_env()[f"BF_PORT_{svc.replace('-', '_').upper()}"]), svc


def test_network_policies_allow_exactly_the_calls_between_services():
    deployments = objects("Deployment", "base")
    pairs = service_pairs()
    for caller, callee in sorted(pairs):
        container, port = callee_port(callee)
        caller_pod, callee_pod = pod_labels(deployments[caller]), pod_labels(deployments[callee])
        assert allowed("egress", caller_pod, callee_pod, port, container), f"{caller} may not leave for {callee}:{port}"
        assert allowed("ingress", callee_pod, caller_pod, port, container), f"{callee} does not admit {caller} on {port}"
    for caller in service_folders():
        for callee in service_folders():
            if caller != callee and (caller, callee) not in pairs:
                container, port = callee_port(callee)
                caller_pod, callee_pod = pod_labels(deployments[caller]), pod_labels(deployments[callee])
                assert not allowed("egress", caller_pod, callee_pod, port, container), \
                    f"{caller} may leave for {callee}, which its code never calls"
                assert not allowed("ingress", callee_pod, caller_pod, port, container), \
                    f"{callee} admits {caller}, which never calls it"


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
        for hpa in (d for d in docs if d["kind"] == "HorizontalPodAutoscaler" and d["metadata"]["name"] == "recognition"):
            assert hpa["spec"]["maxReplicas"] <= contract_topics()["document.received"]
    if folder == "infra":
        images = {c["image"] for d in docs if d["kind"] in WORKLOADS for c in containers(d)}
        tryton_images = {i for i in images if i.rsplit("/", 1)[-1].split(":")[0] == "bf-tryton"}
        assert tryton_images and "bf-tryton" not in tryton_images, f"infra must name Tryton's registry image: {images}"
    if folder == "overlays/production":
        assert not [d for d in docs if d["kind"] == "Secret"], "production must not apply placeholder Secrets"
