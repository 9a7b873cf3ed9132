"""Issue 13 item 2: request bodies are bounded where they stream in, before anything parses them.

The portal read whole bodies into memory before checking them (an unauthenticated 200 MB chunked POST /login took
its resident memory from 179 to 438 MB; a 300 MB chunked upload went past the 250 MB Content-Length check to 1 GB),
and every service parsed a 100 MB JSON body before authenticating. runtime.limits now counts the bytes as they
arrive, per route class (1 MiB by default, 100 MiB on the declared upload routes), and answers 413 once the count
passes. Each attack is sent chunked, as an attacker would, to the running stack; the figures are printed
(run with -s) and the serving process's peak resident memory is checked.
"""
from __future__ import annotations

import asyncio
import json
import os

import httpx
import pytest
from urllib.parse import urlsplit

from platform_probe import MiB, declare_length, memory_mib, pid_serving, portal_session, send_chunked, url
from seeded_office import PASSWORD, bearer, eventually, login, seeded_office

from office.handlers import dossiers

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
GROWTH_MIB = 60  # a bounded request costs a few MiB of buffers; the unbounded ones cost hundreds


def _pid(service: str) -> int:
    return pid_serving(urlsplit(url(service)).port)


async def _attack(service: str, path: str, total: int, **kw):
    """Send the chunked body; the answer, how much was taken, and the server's memory before and after."""
    pid = _pid(service)
    before = memory_mib(pid)
    sent = await send_chunked(url(service), path, total, **kw)
    after = memory_mib(pid)
    print(f"\n{service} POST {path}: {total // MiB} MiB chunked -> {sent.status} after {sent.sent / MiB:.1f} MiB "
          f"in {sent.seconds:.1f} s; RSS {before[0]:.0f} -> {after[0]:.0f} MiB, peak {before[1]:.0f} -> {after[1]:.0f} MiB")
    return sent, before, after


def _bounded(sent, before, after, limit_mib: float) -> None:
    assert sent.status == 413, f"answered {sent.status}"
    assert sent.sent <= (limit_mib + 16) * MiB, f"the server took {sent.sent / MiB:.0f} MiB before refusing"
    assert after[1] - before[1] < GROWTH_MIB, f"peak memory grew {after[1] - before[1]:.0f} MiB"


async def test_an_anonymous_200_mb_chunked_login_is_refused_at_the_first_mebibyte():
    form = {"content-type": "application/x-www-form-urlencoded"}
    _bounded(*await _attack("portal", "/login", 200 * MiB, headers=form, prefix=b"email=a%40b.example&password="), 1)


@pytest.mark.parametrize(("service", "path"), [
    ("office", "/auth/login"), ("office", "/me/password"), ("ingest", "/dossiers/00000000-0000-0000-0000-000000000000/send"),
    ("worklist", "/dossiers/00000000-0000-0000-0000-000000000000/proposals/00000000-0000-0000-0000-000000000000/validate"),
    ("payments", "/dossiers/00000000-0000-0000-0000-000000000000/payments"),
    ("notify", "/dossiers/00000000-0000-0000-0000-000000000000/conversations"),
])
async def test_a_100_mb_json_body_is_refused_before_authentication(service, path):
    headers = {"content-type": "application/json"}
    _bounded(*await _attack(service, path, 100 * MiB, headers=headers, prefix=b'{"text": "'), 1)


async def test_a_declared_content_length_over_the_limit_is_refused_before_any_byte():
    status, body = await asyncio.to_thread(declare_length, url("office"), "/auth/login", 50 * MiB,
                                           {"content-type": "application/json"})
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"


async def test_a_300_mb_chunked_upload_is_refused_at_the_upload_limit():
    """A logged-in office admin (the upload route needs a session) streams 300 MB into the portal's upload."""
    async with seeded_office("limits") as office, httpx.AsyncClient(base_url=url("portal"), timeout=60,
                                                                     follow_redirects=True) as browser:
        dossier = (await dossiers.create_dossier(office.deps, office.admin, {"name": "Big Ltd", "code": "BIG"}))["id"]
        csrf = await portal_session(browser, office.slug, office.email("ADMIN"), PASSWORD)
        cookies = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    head = (b'--bf\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n")
    headers = {"content-type": "multipart/form-data; boundary=bf", "cookie": cookies, "x-csrf-token": csrf,
               "origin": url("portal")}
    sent, before, after = await _attack("portal", f"/dossiers/{dossier}/documents/upload", 300 * MiB,
                                        headers=headers, prefix=head)
    _bounded(sent, before, after, 100)
    assert sent.sent >= 100 * MiB - 1, "the upload route has the upload limit, not the default one"


async def test_an_upload_within_the_limit_still_goes_through():
    """The control: a 2 MiB upload to ingest (over the default limit, under the upload limit) is stored."""
    async with seeded_office("limits") as office, httpx.AsyncClient(timeout=60) as http:
        dossier = (await dossiers.create_dossier(office.deps, office.admin, {"name": "Ok Ltd", "code": "OKL"}))["id"]
        tokens = await login(http, office.email("ADMIN"))
        target = f"{url('ingest')}/dossiers/{dossier}/mailboxes/purchases/documents"
        pdf = b"%PDF-1.4\n" + b"%" + b"x" * (2 * MiB) + b"\n%%EOF\n"

        answers: list[httpx.Response] = []

        async def answered() -> bool:
            answers.append(await http.post(target, headers=bearer(tokens), files=[("files", ("two.pdf", pdf))]))
            return answers[-1].status_code != 404  # 404 until the dossier reached ingest over Kafka
        await eventually(answered, 60, "the dossier replicated to ingest")
    assert answers[-1].status_code in (200, 201), answers[-1].text


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json", "/metrics"])
async def test_the_public_portal_serves_no_api_pages_and_no_metrics(path):
    """Issue 13 extra: the portal's API pages and metrics answered anyone on the public host; /metrics is on the
    internal listener of BF_METRICS_PORT only (BF_METRICS_PORT_PORTAL of deploy/local/stack.env)."""
    async with httpx.AsyncClient(timeout=30) as http:
        assert (await http.get(f"{url('portal')}{path}")).status_code == 404


async def test_the_portal_metrics_are_on_the_internal_listener():
    port = os.environ.get("BF_METRICS_PORT_PORTAL")
    assert port, "deploy/local/stack.env names the portal's metrics port"
    async with httpx.AsyncClient(timeout=30) as http:
        answer = await http.get(f"http://{urlsplit(url('portal')).hostname}:{port}/metrics")
    assert answer.status_code == 200 and "bf_events_published" in answer.text
