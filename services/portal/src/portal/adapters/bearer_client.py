"""A platform service's HTTP API called on behalf of the logged-in user (their access token as Bearer).

Errors become the client's own ``error`` class (a ServiceCallError with status, code and params: ``WorklistError``,
``PaymentsError``, ...); an unreachable service or a 5xx is a ``ServiceUnavailable``. The httpx client of each
service is built once at start (``service_clients.ServiceClients``, in the portal's deps); tests put their own there.
"""
from __future__ import annotations

from typing import Any

import httpx

from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable, error_of


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
