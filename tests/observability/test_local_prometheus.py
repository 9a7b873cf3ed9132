"""The metrics store `make up` starts: it scrapes every service on its /metrics address, runs the rules of
deploy/observability, answers every dashboard query, and serves the dashboard page."""
from __future__ import annotations

import json
import os
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = f"http://{os.environ['BF_BIND']}:{os.environ['BF_PORT_METRICS']}"


def _get(path: str, **params) -> dict:
    url = f"{PROMETHEUS}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def _panels():
    sys.path.insert(0, str(ROOT / "deploy/observability"))
    try:
        from dashboards import PANELS
    finally:
        sys.path.remove(str(ROOT / "deploy/observability"))
    return PANELS


def _services() -> list[str]:
    return sorted(p.parent.parent.parent.name for p in ROOT.glob("services/*/src/*/__main__.py"))


def _metrics_address(svc: str) -> str:
    var = svc.replace("-", "_").upper()
    port = os.environ.get(f"BF_METRICS_PORT_{var}") or os.environ[f"BF_PORT_{var}"]
    return f"{os.environ['BF_BIND']}:{port}"


def test_every_service_is_a_scrape_target_on_its_metrics_address():
    targets = _get("/api/v1/targets")["data"]["activeTargets"]
    scraped = {t["labels"]["service"]: t for t in targets if t["labels"].get("job") == "bookingfactory"}
    for svc in _services():
        assert svc in scraped, f"{svc} is not scraped"
        assert scraped[svc]["scrapeUrl"] == f"http://{_metrics_address(svc)}/metrics"
    assert {"prometheus", "alertmanager", "postgres", "blackbox"} <= set(scraped)


def test_postgresql_is_measured_through_its_exporter():
    (pg_up,) = _get("/api/v1/query", query='pg_up{service="postgres"}')["data"]["result"]
    assert pg_up["value"][1] == "1"


def test_every_part_without_metrics_of_its_own_is_probed_and_up():
    """Kafka, PostgreSQL, the object store, Tryton and the mail sink: a connection probe each (blackbox exporter,
    job components), the series BfComponentDown watches. Waits for a first scrape after a (re)start."""
    wanted = {"kafka", "postgres", "object-store", "object-store-master", "tryton", "mailsink"}
    deadline, found = time.monotonic() + 40, {}
    while time.monotonic() < deadline:
        result = _get("/api/v1/query", query='probe_success{job="components"}')["data"]["result"]
        found = {r["metric"]["component"]: r["value"][1] for r in result}
        if wanted <= set(found):
            break
        time.sleep(2)
    assert {c: found.get(c) for c in wanted} == {c: "1" for c in wanted}


def test_the_rules_of_deploy_observability_are_loaded():
    wanted = {r["alert"] for g in yaml.safe_load((ROOT / "deploy/observability/rules.yml").read_text())["groups"]
              for r in g["rules"]}
    loaded = {r["name"] for g in _get("/api/v1/rules")["data"]["groups"] for r in g["rules"]}
    assert wanted <= loaded
    assert all(r["health"] == "ok" for g in _get("/api/v1/rules")["data"]["groups"] for r in g["rules"])


def test_every_dashboard_query_is_answered():
    for panel in _panels():
        for query in panel.queries:
            answer = _get("/api/v1/query_range", query=query.expr, start=0, end=600, step=60)
            assert answer["status"] == "success", (panel.title, answer)


def test_the_dashboard_page_is_served_with_every_panel():
    with urllib.request.urlopen(f"{PROMETHEUS}/consoles/bookingfactory.html", timeout=10) as answer:
        page = answer.read().decode()
    assert answer.status == 200 and "/api/v1/query_range" in page
    for panel in _panels():
        assert json.dumps(panel.title) in page
