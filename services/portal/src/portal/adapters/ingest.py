"""The ingest service's HTTP API as the portal uses it, with the user's token (services/ingest/API.md)."""
from __future__ import annotations

from typing import Any

import httpx

from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable


class IngestError(ServiceCallError):
    """What ingest refused (status, code and message; an upload's refusals come back as its answer instead)."""

    service = "ingest"


class IngestClient:
    """Calls ingest on behalf of the logged-in user; ingest's errors come back as IngestError."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http, self.token = http, token

    async def call(self, method: str, path: str, *, raw: bool = False, refusals: tuple[int, ...] = (),
                   **kw: Any) -> Any:
        """The JSON answer; ``raw``: the response itself. Errors raise, except the ``refusals`` statuses
        (an upload's 413/422, whose JSON names the refused files): a file or an image is never an error's body."""
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            response = await self.http.request(method, path, headers=headers, **kw)
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"ingest unreachable: {exc}", "ingest") from exc
        if response.status_code >= 400 and response.status_code not in refusals:
            try:
                error = response.json().get("error") or {}
            except ValueError:
                error = {}
            raise IngestError(response.status_code, error.get("code", "error"), error.get("message", response.text[:200]))
        if raw:
            return response
        return response.json() if response.content else None

    async def documents(self, dossier_id: str, box: str, **params: Any) -> dict[str, Any]:
        path = f"/dossiers/{dossier_id}/sent" if box == "processing" else \
            f"/dossiers/{dossier_id}/mailboxes/{box}/documents"
        return await self.call("GET", path, params={k: v for k, v in params.items() if v not in (None, "")})

    async def upload(self, dossier_id: str, box: str, files: list[tuple[str, bytes, str]], *,
                     capture: bool = False, filename: str | None = None) -> httpx.Response:
        """Files into a mailbox, or (``capture``) photos into one PDF named ``filename`` when given."""
        kind = "capture" if capture else "documents"
        parts = [("files", (name, data, content_type)) for name, data, content_type in files]
        return await self.call("POST", f"/dossiers/{dossier_id}/mailboxes/{box}/{kind}", files=parts, raw=True,
                               refusals=(413, 422), data={"filename": filename} if filename else None)
