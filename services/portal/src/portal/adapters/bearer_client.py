"""A platform service's HTTP API called on behalf of the logged-in user (their access token as Bearer).

Errors become the client's own ``error`` class (a ServiceCallError with status, code and params: ``WorklistError``,
``PaymentsError``, ...); an unreachable service or a 5xx is a ``ServiceUnavailable``. The httpx client of each service is built on first use and kept on the app, so tests
put their own (``app.state.<service>_http``).
"""
from __future__ import annotations

from typing import Any

import httpx
from fastapi import Request
from runtime.config import Settings
from runtime.telemetry import traced_http_client

from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable, error_of


def service_http(request: Request, service: str, timeout_s: float) -> httpx.AsyncClient:
    """The traced client to `service` (``Settings.service_url``: BF_URL_<SERVICE> or its port)."""
    attribute = f"{service.replace('-', '_')}_http"
    client = getattr(request.app.state, attribute, None)
    if client is None:
        client = traced_http_client(base_url=Settings.service_url(service),
                                    timeout=httpx.Timeout(timeout_s, connect=2.0))
        setattr(request.app.state, attribute, client)
    return client


class BearerClient:
    """Calls one service with the user's token; subclasses add the calls they make and name their ``error``."""

    error: type[ServiceCallError] = ServiceCallError

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http, self.token = http, token

    @property
    def service(self) -> str:
        return self.error.service

    async def call(self, method: str, path: str, *, raw: bool = False, **kw: Any) -> Any:
        """The JSON answer (None when empty); ``raw``: the response itself, for files and images."""
        headers = {"Authorization": f"Bearer {self.token}", **kw.pop("headers", {})}
        try:
            response = await self.http.request(method, path, headers=headers, **kw)
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"{self.service} unreachable: {exc}", self.service) from exc
        if response.status_code >= 400:
            raise error_of(response, self.error)
        if raw:
            return response
        return response.json() if response.content else None
