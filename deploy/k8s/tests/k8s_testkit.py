"""What the checks of deploy/k8s read: the committed manifests, parsed as they are (kustomize patches
included), the settings the services accept, and how NetworkPolicies select and admit pods.
"""
from __future__ import annotations

import base64
import copy
import functools
import importlib
from pathlib import Path

import yaml
from contracts.registry import TOPICS
from runtime.admin import DLQ_PARTITIONS
from runtime.config import Settings

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy/k8s"
KUSTOMIZATIONS = ["base", "infra", "overlays/dev", "overlays/production", "observability", "integrators"]
WORKLOADS = {"Deployment", "StatefulSet", "Job"}
PLACEHOLDER = "CHANGE-ME"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the same safe reading, faster


def stack_env() -> dict[str, str]:
    lines = (ROOT / "deploy/local/stack.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def yaml_files() -> list[Path]:
    return sorted(p for p in K8S.rglob("*.yaml") if "tests" not in p.relative_to(K8S).parts)


@functools.lru_cache(maxsize=None)
def _parsed(path: Path, mtime_ns: int) -> tuple[dict, ...]:
    """A file's objects, parsed once per version of the file (the checks ask for them thousands of times)."""
    return tuple(doc for doc in yaml.load_all(path.read_text(), Loader=_LOADER) if doc)


def documents(folder: str = "") -> list[dict]:
    """Every Kubernetes object in the committed files under deploy/k8s/<folder> (kustomizations excluded).

    Copies: a check may change what it gets without changing what the next one reads."""
    return [copy.deepcopy(doc) for path in yaml_files()
            if path.is_relative_to(K8S / folder) and path.name != "kustomization.yaml"
            for doc in _parsed(path, path.stat().st_mtime_ns)]


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


def secret_values(secret: dict) -> dict[str, str]:
    data = {k: base64.b64decode(v).decode() for k, v in secret.get("data", {}).items()}
    return {**data, **secret.get("stringData", {})}


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
