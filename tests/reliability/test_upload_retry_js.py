"""The portal's uploader sends an upload again by itself while the office answers 503, honouring Retry-After.

The real services/portal/.../static/documents.js runs in node with a fake page and XMLHttpRequest
(upload_retry_harness.js), so no browser and no stack are needed.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reliability.processes import ROOT

SCRIPT = ROOT / "services/portal/src/portal/static/documents.js"
HARNESS = Path(__file__).with_name("upload_retry_harness.js")
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def upload(*answers: tuple[int, str | None]) -> dict:
    """Upload one file while the uploads are answered `answers` in turn; what the uploader ended with."""
    out = subprocess.run(["node", str(HARNESS), str(SCRIPT), json.dumps(answers)],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def test_an_upload_answered_503_is_sent_again_after_retry_after_and_succeeds():
    result = upload((503, "1"), (503, "1"), (200, None))
    assert result["status"] == 200 and result["requests"] == 3
    assert result["seconds"] >= 2, "waited the Retry-After seconds between tries"


def test_without_retry_after_the_uploader_waits_a_growing_delay():
    result = upload((503, None), (503, None), (200, None))
    assert result["status"] == 200 and result["requests"] == 3
    assert result["seconds"] >= 3  # 1 s, then 2 s


def test_a_refusal_or_a_bug_is_reported_at_once_not_retried():
    assert upload((422, None), (200, None)) == {"status": 422, "requests": 1, "seconds": pytest.approx(0, abs=0.5)}
    assert upload((500, None), (200, None))["requests"] == 1
