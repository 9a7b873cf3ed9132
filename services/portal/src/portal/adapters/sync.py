"""The sync-connector's API as the portal uses it, with the user's token (services/sync-connector/API.md).

A dossier's link and sync status with its last runs (ACT-1, ACT-2), asking for a manual (SYN-4) or full (SYN-5)
sync, and the account changes a sync found with the journals made at activation (SYN-8). Errors come back as
``SyncError`` (403, 409 ``not_linked``, 422 naming the field); an unreachable connector is ``ServiceUnavailable``.
"""
from __future__ import annotations

from typing import Any

from portal.adapters.bearer_client import BearerClient
from portal.adapters.service_errors import ServiceCallError


class SyncError(ServiceCallError):
    """What the sync-connector refused: 403, 404, 409 ``not_linked``, 422 naming the field."""

    service = "sync-connector"


class SyncClient(BearerClient):
    """One dossier's synchronisation with its accounting software, on behalf of the logged-in collaborator."""

    error = SyncError

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

    async def account_changes(self, dossier_id: str) -> dict[str, Any]:
        """SYN-8 ``{pending: [{change_id, code, change, name, account_kind, found_at}], journals: [{code, name, kind,
        outcome}]}``: the account changes to review and the journals made at activation (sync.changes.review)."""
        return await self.call("GET", f"/dossiers/{dossier_id}/account-changes")

    async def accept_changes(self, dossier_id: str, change_ids: list[str]) -> dict[str, Any]:
        """SYN-8 ``{accepted: [...], pending: n}``; 422 ``nothing_picked`` or naming the ids not waiting for review."""
        return await self.call("POST", f"/dossiers/{dossier_id}/account-changes/accept",
                               json={"change_ids": change_ids})
