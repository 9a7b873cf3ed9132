"""What the internet reaches on Kubernetes (issue 13): the portal's /metrics listener is behind no Service or
Ingress, only Prometheus may scrape it, and forwarded headers are believed from configured proxies only."""
from __future__ import annotations

import ipaddress

from k8s_testkit import containers, env_of, objects, port_number

from runtime.proxies import TrustedProxies


def _portal() -> dict:
    (container,) = containers(objects("Deployment", "base")["portal"])
    return container


def test_the_portal_metrics_port_is_served_by_no_service_and_no_ingress():
    container = _portal()
    metrics = int(env_of(container)["BF_METRICS_PORT"])
    assert metrics != int(env_of(container)["BF_HTTP_PORT"])
    assert port_number(container, "metrics") == metrics
    service_ports = [port_number(container, p["targetPort"]) for p in objects("Service", "base")["portal"]["spec"]["ports"]]
    assert metrics not in service_ports
    for ingress in objects("Ingress", "base").values():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                assert path["backend"]["service"]["port"] == {"name": "http"}, "the Ingress reaches the http port only"


def test_only_the_monitoring_namespace_may_reach_a_metrics_port():
    for policy in objects("NetworkPolicy").values():
        for rule in policy["spec"].get("ingress", []):
            if any(p.get("port") == "metrics" for p in rule.get("ports", [])):
                namespaces = [p["namespaceSelector"]["matchLabels"] for p in rule["from"]]
                assert namespaces == [{"kubernetes.io/metadata.name": "monitoring"}], policy["metadata"]["name"]


def test_forwarded_headers_are_believed_from_a_private_network_only():
    """The portal believes the ingress controller, the office the portal; neither believes everyone."""
    for svc, name in (("portal", "BF_TRUSTED_PROXIES"), ("office", "BF_OFFICE_TRUSTED_PROXIES")):
        (container,) = containers(objects("Deployment", "base")[svc])
        trusted = TrustedProxies(str(env_of(container)[name]))
        assert trusted and all(network.is_private for network in trusted.networks), (svc, trusted.spec)
        assert not trusted.contains("203.0.113.7") and not any(
            network == ipaddress.ip_network("0.0.0.0/0") for network in trusted.networks)
