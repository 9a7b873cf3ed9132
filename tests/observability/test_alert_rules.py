"""The alert rules and the dashboard of deploy/observability: promtool's own checks and unit tests, and every metric
they read is one the code defines (a rule on a name nobody exports never fires)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
OBS = ROOT / "deploy/observability"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed: `make up` installs it "
                                    "(Debian package prometheus, deploy/local/prometheus.sh)")

# Metric names of the promql queries: identifiers followed by a selector, a range or an operator, not functions.
_NAME = re.compile(r"\b(bf_[a-z0-9_]+|up)\b")
_SUFFIXES = ("_total", "_bucket", "_count", "_sum", "_created")


def _expressions() -> list[str]:
    rules = yaml.safe_load((OBS / "rules.yml").read_text())["groups"]
    sys.path.insert(0, str(OBS))
    try:
        from dashboards import PANELS
    finally:
        sys.path.remove(str(OBS))
    return [r["expr"] for g in rules for r in g["rules"]] + [q.expr for p in PANELS for q in p.queries]


def _defined_metrics() -> set[str]:
    """Names given to prometheus_client's Counter/Gauge/Histogram in the services' and the runtime's sources."""
    pattern = re.compile(r"(?:Counter|Gauge|Histogram|Summary)\(\s*\"(bf_[a-z0-9_]+)\"")
    names = set()
    for path in [*ROOT.glob("libs/*/src/**/*.py"), *ROOT.glob("services/*/src/**/*.py")]:
        names.update(pattern.findall(path.read_text()))
    return names


def _base(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def test_every_metric_the_rules_and_panels_read_is_defined_in_the_code():
    defined = _defined_metrics() | {"up"}
    used = {name for expr in _expressions() for name in _NAME.findall(expr)}
    assert used, "no metric found in the rules and panels"
    missing = sorted(n for n in used if n not in defined and _base(n) not in defined)
    assert not missing, f"rules/panels read metrics no code defines: {missing}"


@needs_promtool
def test_promtool_accepts_the_rules():
    run = subprocess.run([PROMTOOL, "check", "rules", "rules.yml"], cwd=OBS, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@needs_promtool
def test_promtool_unit_tests_of_every_alert_pass():
    run = subprocess.run([PROMTOOL, "test", "rules", "rules_test.yml"], cwd=OBS, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_alert_has_a_promtool_test():
    alerts = {r["alert"] for g in yaml.safe_load((OBS / "rules.yml").read_text())["groups"] for r in g["rules"]}
    tests = yaml.safe_load((OBS / "rules_test.yml").read_text())["tests"]
    tested = {case["alertname"] for t in tests for case in t.get("alert_rule_test", []) if case.get("exp_alerts")}
    assert alerts == tested, f"alerts without a firing test: {sorted(alerts - tested)}"
