"""End to end on the running stack: a service that dies becomes an alert mail in the operator's mailbox.

A throwaway process serving /metrics (never one of the stack's services) joins Prometheus' scrape targets through
.stack/prometheus/targets/ (file_sd of job bookingfactory), is seen up, is killed; the real BfServiceDown rule fires
after its minute and Alertmanager mails it through the mail sink into .stack/mail/.
"""
from __future__ import annotations

import email
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from email import policy
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
STACK = Path(os.environ.get("BF_STACK_DIR", ".stack"))
STACK = STACK if STACK.is_absolute() else ROOT / STACK
PROMETHEUS = f"http://{os.environ['BF_BIND']}:{os.environ['BF_PORT_METRICS']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _query(expr: str) -> list[dict]:
    url = f"{PROMETHEUS}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)["data"]["result"]


def _wait(what: str, check, timeout: float, every: float = 2.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


def _alert_mails(service: str, since: float) -> list[email.message.EmailMessage]:
    mails = []
    for path in sorted((STACK / "mail").glob("*.eml")):
        if path.stat().st_mtime < since:
            continue
        mail = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if "BfServiceDown" in str(mail["Subject"]) and service in str(mail["Subject"]):
            mails.append(mail)
    return mails


@pytest.fixture
def probe(tmp_path):
    """A process answering /metrics, registered as a scrape target; yields (service name, process)."""
    (tmp_path / "metrics").write_text("bf_e2e_probe 1\n")
    port, name = _free_port(), f"e2e-probe-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
                                "--directory", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = STACK / "prometheus" / "targets" / f"{name}.json"
    target.write_text(json.dumps([{"targets": [f"127.0.0.1:{port}"], "labels": {"service": name}}]))
    try:
        yield name, process
    finally:
        target.unlink(missing_ok=True)
        process.kill()
        process.wait(10)


@pytest.mark.timeout(420)
def test_a_killed_service_reaches_the_operator_as_an_alert_mail(probe):
    name, process = probe
    _wait(f"Prometheus sees {name} up", lambda: [r for r in _query(f'up{{service="{name}"}}') if r["value"][1] == "1"],
          timeout=90)
    killed_at = time.time()
    process.kill()
    process.wait(10)
    firing = _wait("BfServiceDown firing", lambda: [
        r for r in _query(f'ALERTS{{alertname="BfServiceDown", service="{name}", alertstate="firing"}}')], timeout=180)
    assert firing[0]["metric"]["severity"] == "critical"
    (mail, *_) = _wait("the alert mail in .stack/mail", lambda: _alert_mails(name, killed_at), timeout=120)
    assert mail["To"] == os.environ["BF_ALERT_MAIL_TO"] and str(mail["Subject"]).startswith("[FIRING")
    body = mail.get_body(("plain", "html")).get_content()
    assert f"{name} is down" in body
