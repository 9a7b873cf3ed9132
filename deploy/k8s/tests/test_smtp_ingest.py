"""Inbound mail on Kubernetes (ING-2, issue 18): ingest's SMTP server listens where its settings say, the Service
ingest-smtp reaches that port, production exposes it keeping the sender's address, and the NetworkPolicies let the
internet reach that port of ingest and nothing else."""
from __future__ import annotations

import asyncio
import ipaddress
import os
import shutil
import subprocess
from types import SimpleNamespace

import pytest
import yaml

from k8s_testkit import K8S, containers, env_of, kustomization, objects, pod_labels, port_number, selects


def _ingest() -> tuple[dict, dict]:
    deployment = objects("Deployment", "base")["ingest"]
    (container,) = containers(deployment)
    return deployment, container


def _settings(monkeypatch):
    """IngestSettings as the ingest pod reads them: the ConfigMap, then the container's own env."""
    from ingest.config import IngestSettings

    for name in [n for n in os.environ if n.startswith("BF_")]:
        monkeypatch.delenv(name)
    _, container = _ingest()
    plain = {k: v for k, v in env_of(container).items() if isinstance(v, str)}
    for name, value in {**objects("ConfigMap", "base")["bf-config"]["data"], **plain}.items():
        monkeypatch.setenv(name, value)
    return IngestSettings()


def test_ingest_opens_its_smtp_server_on_the_container_port_named_smtp(monkeypatch):
    """What bootstrap.on_start really opens, with the pod's settings: host and port handed to start_smtp."""
    from ingest import bootstrap

    settings = _settings(monkeypatch)
    opened = []

    async def start(deps, host, port):
        opened.append((host, port))
        return SimpleNamespace()

    async def serve(server):
        return None

    monkeypatch.setattr(bootstrap, "start_smtp", start)
    monkeypatch.setattr(bootstrap, "serve_until_cancelled", serve)

    async def run():
        rt = SimpleNamespace(deps=SimpleNamespace(settings=settings), tasks=[])
        await bootstrap.on_start(rt, None)
        await asyncio.gather(*rt.tasks)

    asyncio.run(run())
    _, container = _ingest()
    assert opened == [("0.0.0.0", port_number(container, "smtp"))], "the pod's SMTP server is not where the port says"
    assert settings.ingest_smtp_port >= 1024, "the pod runs as non-root: no port below 1024"


def test_the_smtp_service_reaches_that_port_on_25():
    deployment, container = _ingest()
    service = objects("Service", "base")["ingest-smtp"]
    assert selects({"matchLabels": service["spec"]["selector"]}, pod_labels(deployment))
    (port,) = service["spec"]["ports"]
    assert port["port"] == 25 and port.get("protocol", "TCP") == "TCP"
    assert port_number(container, port["targetPort"]) == int(env_of(container)["BF_INGEST_SMTP_PORT"])
    http = objects("Service", "base")["ingest"]
    assert all(port_number(container, p["targetPort"]) != port["port"] for p in http["spec"]["ports"])


def _raw_patch(kind: str, name: str) -> str:
    (patch,) = [p["patch"] for p in kustomization("overlays/production").get("patches", [])
                if p.get("target") == {"kind": kind, "name": name}]
    return patch


def test_production_exposes_smtp_from_outside_keeping_the_sender_address():
    spec = {op["path"].rsplit("/", 1)[1]: op["value"] for op in yaml.safe_load(_raw_patch("Service", "ingest-smtp"))}
    assert spec["type"] in {"LoadBalancer", "NodePort"}
    assert spec["externalTrafficPolicy"] == "Local", "the SMTP probe throttle is keyed on the client's address"


def _external_ingress_rules(pod: dict) -> list[dict]:
    """Rules of the NetworkPolicies selecting `pod` that admit addresses outside the cluster (ipBlock) or anyone."""
    rules = []
    for policy in objects("NetworkPolicy").values():
        if selects(policy["spec"]["podSelector"], pod):
            rules += [r for r in policy["spec"].get("ingress", [])
                      if "from" not in r or any("ipBlock" in peer for peer in r["from"])]
    return rules


def _admits(rule: dict, address: str, port: int, container: dict) -> bool:
    ip = ipaddress.ip_address(address)
    blocks = [p["ipBlock"] for p in rule.get("from", []) if "ipBlock" in p]
    in_block = "from" not in rule or any(
        ip in ipaddress.ip_network(b["cidr"]) and not any(ip in ipaddress.ip_network(e) for e in b.get("except", []))
        for b in blocks if ipaddress.ip_network(b["cidr"]).version == ip.version)
    ports = rule.get("ports")
    return in_block and (not ports or any(port_number(container, p["port"]) == port for p in ports))


@pytest.mark.parametrize("sender", ["203.0.113.7", "2001:db8::25"])
def test_the_internet_reaches_ingest_smtp_and_nothing_else_of_ingest(sender):
    deployment, container = _ingest()
    rules = _external_ingress_rules(pod_labels(deployment))
    smtp, http = port_number(container, "smtp"), port_number(container, "http")
    assert any(_admits(r, sender, smtp, container) for r in rules), "no policy lets mail in"
    assert not any(_admits(r, sender, http, container) for r in rules), "ingest's API is open to the internet"


def test_no_other_pod_is_open_to_the_internet():
    for name, deployment in objects("Deployment", "base").items():
        rules = _external_ingress_rules(pod_labels(deployment))
        if name != "ingest":
            assert not rules, f"{name} admits addresses outside the cluster"
        else:
            (container,) = containers(deployment)
            assert all(r.get("ports") and all(port_number(container, p["port"]) == port_number(container, "smtp")
                                             for p in r["ports"]) for r in rules)


def test_the_inbound_mail_domain_is_set_for_the_office():
    """The office gives dossiers addresses in BF_OFFICE_INBOUND_MAIL_DOMAIN; its MX must name ingest-smtp."""
    (container,) = containers(objects("Deployment", "base")["office"])
    domain = str(env_of(container)["BF_OFFICE_INBOUND_MAIL_DOMAIN"])
    assert domain and not domain.endswith(".localhost"), "a .localhost domain receives no mail from outside"
    assert "BF_OFFICE_INBOUND_MAIL_DOMAIN" in (K8S / "README.md").read_text()


KUBECTL = shutil.which("kubectl")


@pytest.mark.skipif(KUBECTL is None, reason="kubectl not installed; the raw-file checks above still ran")
def test_built_production_has_the_smtp_load_balancer():
    built = subprocess.run([KUBECTL, "kustomize", str(K8S / "overlays/production")], capture_output=True, text=True,
                           timeout=120)
    assert built.returncode == 0, built.stderr
    docs = {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(built.stdout) if d}
    service = docs[("Service", "ingest-smtp")]["spec"]
    assert service["type"] == "LoadBalancer" and service["externalTrafficPolicy"] == "Local"
    assert ("NetworkPolicy", "bf-ingest-smtp") in docs
    dev = subprocess.run([KUBECTL, "kustomize", str(K8S / "overlays/dev")], capture_output=True, text=True, timeout=120)
    dev_docs = {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(dev.stdout) if d}
    assert dev_docs[("Service", "ingest-smtp")]["spec"].get("type", "ClusterIP") == "ClusterIP"
