"""The portal's HTTP clients to the platform's services it calls with the user's token (ingest, the worklist, ...):
one traced client each, built once at start with the portal's deps (bootstrap.build_deps) and closed when it stops.
The office has its own client (bootstrap.office_http)."""
from __future__ import annotations

import httpx
from runtime.config import Settings
from runtime.telemetry import traced_http_client

CONNECT_TIMEOUT_S = 2.0
# each service's read timeout; ingest's is an upload's (the portal passes files of up to 100 MiB on)
TIMEOUTS_S = {"ingest": 120.0, "worklist": 15.0, "payments": 10.0, "notify": 10.0, "reporting": 10.0,
              "enrichment": 5.0, "sync-connector": 10.0}


class ServiceClients(dict[str, httpx.AsyncClient]):
    """The client of each service, by its name (``services["sync-connector"]``); tests put their own in."""

    @classmethod
    def from_settings(cls) -> ServiceClients:
        """Each service at ``Settings.service_url`` (BF_URL_<SERVICE> or its port), with its timeouts."""
        return cls({service: traced_http_client(base_url=Settings.service_url(service),
                                                timeout=httpx.Timeout(read_s, connect=CONNECT_TIMEOUT_S))
                    for service, read_s in TIMEOUTS_S.items()})

    async def aclose(self) -> None:
        for client in self.values():
            await client.aclose()
