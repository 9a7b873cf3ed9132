"""Service to service on Kubernetes: the addresses (BF_URL_*) and NetworkPolicies the code's calls need.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from k8s_testkit import (ROOT, stack_env, objects, containers, service_folders, port_number, url_name, selects,
                         allowed, pod_labels)


SERVICE_CALL = re.compile(r"""\bservice_url\(\s*["']([\w-]+)["']|\bservices\[\s*["']([\w-]+)["']\s*\]""")
COMPUTED_CALL = re.compile(r"""\bservice_url\(\s*(?!["'])(\w+)""")
# the portal's clients, one per service, built from computed names; its calls name them: services["ingest"]
CALL_WRAPPERS = {"services/portal/src/portal/adapters/service_clients.py": "services["}  # scanned by SERVICE_CALL
VERIFIES_TOKENS = re.compile(r"\bTokenVerifier\.from_settings\(|\bjwks_url\b")  # JWKS from BF_URL_OFFICE
# a ServiceSpec with routers: runtime.service builds its TokenVerifier.from_settings (JWKS from BF_URL_OFFICE)
SERVES_ROUTES = re.compile(r"\bServiceSpec\((?:[^()]|\([^()]*\))*\brouters\s*=", re.S)
# (caller, callee, file): a service_url() in shipped code that calls nothing (none since the office demo, which
# printed the portal's address, left the package: issue 19 item 6)
NOT_CALLS: dict[tuple[str, str, str], str] = {}


def service_calls() -> set[tuple[str, str, str]]:
    """(caller, callee, file) for every address of another service a service's code asks for:
    Settings.service_url("<callee>") and its wrappers, and the office's JWKS where it verifies tokens (itself, or
    by serving routes: the runtime verifies them, issue 19 item 1)."""
    calls = set()
    for svc in service_folders():
        for path in sorted((ROOT / "services" / svc / "src").rglob("*.py")):
            text, rel = path.read_text(), path.relative_to(ROOT).as_posix()
            computed = COMPUTED_CALL.findall(text)
            assert not computed or rel in CALL_WRAPPERS, \
                f"{rel}: service_url({computed[0]}) with a computed name: add it to CALL_WRAPPERS, scan its callers"
            calls |= {(svc, literal or wrapped, rel) for literal, wrapped in SERVICE_CALL.findall(text)}
            if VERIFIES_TOKENS.search(text) or (path.name == "bootstrap.py" and SERVES_ROUTES.search(text)):
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
