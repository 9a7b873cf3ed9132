"""deploy/k8s/observability: generated from deploy/observability's one definition and current; the PodMonitors scrape
every service once, on the port its prometheus.io/port annotation names; the rule and dashboard are well formed."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from k8s_testkit import ROOT, K8S, objects, port_number, selects

GENERATE = ROOT / "deploy/observability/generate.py"


def test_generated_manifests_are_current():
    run = subprocess.run([sys.executable, str(GENERATE), "k8s", "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_generator_notices_a_hand_edited_copy(tmp_path, monkeypatch):
    sys.path.insert(0, str(GENERATE.parent))
    try:
        import generate
    finally:
        sys.path.remove(str(GENERATE.parent))
    for path, text in generate.k8s_files().items():
        (tmp_path / path.name).write_text(text)
    monkeypatch.setattr(generate, "K8S_DIR", tmp_path)
    assert generate.main(["k8s", "--check"]) == 0
    edited = tmp_path / "prometheus-rule.yaml"
    edited.write_text(edited.read_text().replace("for: 1m", "for: 5m", 1))
    assert generate.main(["k8s", "--check"]) == 1


def _endpoints(pod_labels: dict) -> list[dict]:
    return [e for m in objects("PodMonitor", "observability").values() if selects(m["spec"]["selector"], pod_labels)
            for e in m["spec"]["podMetricsEndpoints"]]


@pytest.mark.parametrize("name", sorted(objects("Deployment", "base")))
def test_every_service_is_scraped_once_on_its_annotated_metrics_port(name):
    template = objects("Deployment", "base")[name]["spec"]["template"]
    (container,) = template["spec"]["containers"]
    endpoints = _endpoints(template["metadata"]["labels"])
    assert len(endpoints) == 1, f"{name}: scraped by {len(endpoints)} PodMonitor endpoints"
    (endpoint,) = endpoints
    annotations = template["metadata"]["annotations"]
    assert port_number(container, endpoint["port"]) == int(annotations["prometheus.io/port"])
    assert endpoint["path"] == annotations["prometheus.io/path"] == "/metrics"
    targets = {r["targetLabel"] for r in endpoint["relabelings"]}
    assert {"service", "job"} <= targets and endpoint["honorLabels"] is True


def test_prometheus_rule_holds_every_alert_with_a_severity():
    (rule,) = objects("PrometheusRule", "observability").values()
    alerts = [r for g in rule["spec"]["groups"] for r in g["rules"]]
    assert {"BfServiceDown", "BfConsumerLagGrowing", "BfDeadLetter", "BfOutboxStale", "BfDossierNeedsSupport",
            "BfRecognitionErrors", "BfMailFailing"} <= {a["alert"] for a in alerts}
    assert all(a["labels"]["severity"] in {"critical", "warning"} and a["annotations"]["summary"] for a in alerts)


def test_grafana_dashboard_configmap_is_picked_up_by_the_sidecar_and_queries_prometheus():
    configmap = objects("ConfigMap", "observability")["bookingfactory-dashboard"]
    assert configmap["metadata"]["labels"]["grafana_dashboard"] == "1"
    dashboard = json.loads(configmap["data"]["bookingfactory.json"])
    assert dashboard["uid"] and len(dashboard["panels"]) >= 10
    for panel in dashboard["panels"]:
        assert panel["targets"] and all(t["expr"] and t["datasource"]["type"] == "prometheus" for t in panel["targets"])
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"])


def test_observability_is_a_kustomization_of_its_own():
    assert (K8S / "observability/kustomization.yaml").is_file()


def test_the_parts_without_metrics_are_probed_at_the_addresses_the_services_use():
    """Kafka, PostgreSQL and the object store at config.yaml's addresses, Tryton at its Service's port; each probed
    address gets the component label BfComponentDown names (the same names as the local stack's blackbox job)."""
    (probe,) = objects("Probe", "observability").values()
    config = objects("ConfigMap", "base")["bf-config"]["data"]
    tryton = objects("Service", "infra")["bf-tryton"]
    wanted = {config["BF_KAFKA_BOOTSTRAP"]: "kafka", f"{config['BF_PG_HOST']}:{config['BF_PG_PORT']}": "postgres",
              config["BF_S3_ENDPOINT"]: "object-store", f"bf-tryton:{tryton['spec']['ports'][0]['port']}": "tryton"}
    static = probe["spec"]["targets"]["staticConfig"]
    assert probe["spec"]["jobName"] == "components" and probe["spec"]["module"] == "tcp_connect"
    assert sorted(static["static"]) == sorted(wanted)
    for address, component in wanted.items():
        named = [r["replacement"] for r in static["relabelingConfigs"] if re.fullmatch(r["regex"], address)]
        assert named == [component], (address, named)
