"""What a public app (the portal) shows the internet, and whose X-Forwarded-For the HTTP server believes
(issue 13 item 7 and the extra finding on /docs, /redoc, /openapi.json and /metrics)."""
import socket
import urllib.request

import httpx
import pytest

from runtime.config import Settings
from runtime.http import create_http_app
from runtime.proxies import TrustedProxies, server_options
from runtime.service import serve_metrics

PAGES = ("/docs", "/redoc", "/openapi.json", "/metrics")


async def _statuses(app) -> dict[str, int]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        return {path: (await client.get(path)).status_code for path in PAGES}


async def test_a_public_app_serves_no_api_pages_and_no_metrics():
    app = create_http_app("portal", settings=Settings(service="portal"), public=True)
    assert await _statuses(app) == {path: 404 for path in PAGES}


async def test_a_public_app_serves_its_api_pages_only_when_the_setting_says_so():
    app = create_http_app("portal", settings=Settings(service="portal", http_docs=True), public=True)
    assert await _statuses(app) == {"/docs": 200, "/redoc": 200, "/openapi.json": 200, "/metrics": 404}


async def test_an_internal_service_keeps_its_pages_and_moves_metrics_to_its_metrics_port():
    assert await _statuses(create_http_app("ingest", settings=Settings(service="ingest"))) == {p: 200 for p in PAGES}
    moved = create_http_app("ingest", settings=Settings(service="ingest", metrics_port=9))
    assert (await _statuses(moved))["/metrics"] == 404


def test_the_metrics_listener_answers_on_its_own_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve_metrics(Settings(service="metrics-test", metrics_port=port, bind="127.0.0.1"))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        assert answer.status == 200 and b"bf_events_consumed" in answer.read()


def test_forwarded_headers_are_believed_from_no_peer_by_default():
    assert server_options(Settings(service="portal")) == {"proxy_headers": False}
    assert server_options(None) == {"proxy_headers": False}


def test_forwarded_headers_are_believed_from_the_configured_proxies_only():
    options = server_options(Settings(service="portal", trusted_proxies=" 10.42.0.0/16, 127.0.0.1 "))
    assert options == {"proxy_headers": True, "forwarded_allow_ips": "10.42.0.0/16,127.0.0.1"}
    trusted = TrustedProxies("10.42.0.0/16, ::1")
    assert trusted.contains("10.42.7.9") and trusted.contains("::1")
    assert not trusted.contains("10.43.0.1") and not trusted.contains("203.0.113.5") and not trusted.contains(None)


def test_a_malformed_proxy_setting_fails_at_start_not_silently():
    with pytest.raises(ValueError):
        TrustedProxies("10.0.0.0/8, not-an-address")
