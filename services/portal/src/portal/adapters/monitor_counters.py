"""The active-clients monitor's counters (ACT-1) that services other than the office keep: each answers
``GET /monitor/counters?dossier_id=…`` with ``{"items": [{dossier_id, <counter>: n, …}]}`` for the dossiers the
caller reaches (worklist, ingest, notify: their API.md/README)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from portal.adapters.bearer_client import BearerClient
from portal.adapters.ingest import IngestError
from portal.adapters.notify import NotifyError
from portal.adapters.worklist import WorklistError

ERRORS = {"worklist": WorklistError, "ingest": IngestError, "notify": NotifyError}


class CountersClient(BearerClient):
    """One service's monitor counters on behalf of the logged-in collaborator."""

    def __init__(self, http: httpx.AsyncClient, token: str, service: str) -> None:
        super().__init__(http, token)
        self.error = ERRORS[service]

    async def counters(self, dossier_ids: Sequence[str]) -> list[dict[str, Any]]:
        return (await self.call("GET", "/monitor/counters", params=[("dossier_id", d) for d in dossier_ids]))["items"]
