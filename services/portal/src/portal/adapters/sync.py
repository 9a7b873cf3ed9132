"""The sync-connector's API as the portal uses it, with the user's token (services/sync-connector/API.md).

A dossier's link and sync status with its last runs (ACT-1, ACT-2), and asking for a manual (SYN-4) or full (SYN-5)
sync. Errors come back as ``OfficeError`` (403, 409 ``not_linked``, 422 naming the field); an unreachable
connector is ``OfficeUnavailable``.
"""
from __future__ import annotations

from typing import Any

import httpx
from fastapi import Request

from portal.adapters.bearer_client import BearerClient, service_http

TIMEOUT_S = 10.0


def sync_http(request: Request) -> httpx.AsyncClient:
    """The traced client to the sync-connector (BF_URL_SYNC_CONNECTOR), kept on the app (tests put their own there)."""
    return service_http(request, "sync-connector", TIMEOUT_S)


class SyncClient(BearerClient):
    """One dossier's synchronisation with its accounting software, on behalf of the logged-in collaborator."""

    service = "sync-connector"

    async def status(self, dossier_id: str) -> dict[str, Any]:
        """``{software, installation, dossier_code, activated, sync_status, instruction, status_since,
        updated_up_to, active_period, nightly_sync, periods, runs[...]}``."""
        return await self.call("GET", f"/dossiers/{dossier_id}/sync")

    async def request(self, dossier_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """202 ``{request_id, reason}``: the sync runs asynchronously; its run shows in ``status`` when done."""
        return await self.call("POST", f"/dossiers/{dossier_id}/sync", json=body)

    async def monitor(self, dossier_ids: list[str]) -> list[dict[str, Any]]:
        """ACT-1 ``[{dossier_id, linked, sync_status, instruction, status_since, last_run_at, last_run_outcome}]``."""
        return (await self.call("GET", "/monitor/sync", params=[("dossier_id", d) for d in dossier_ids]))["items"]
