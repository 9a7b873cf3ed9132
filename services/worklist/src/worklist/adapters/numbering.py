"""Enrichment's document numbers (ENR-4) as the worklist asks for them: the number of a proposal whose journal or
period changed, in the count of its (new) fiscal year — enrichment hands out every number."""
from __future__ import annotations

from uuid import UUID

import httpx
from runtime.config import Settings
from runtime.outage import DependencyUnavailable
from runtime.telemetry import traced_http_client

TIMEOUT_S = 5.0


class NumberingUnavailable(DependencyUnavailable):
    """Enrichment cannot be reached: the edit is not saved with a number of the wrong year (503, try again)."""

    dependency = "enrichment (document numbers)"


class EnrichmentNumbers:
    """``POST /dossiers/{d}/proposals/{p}/number`` of enrichment, on behalf of the person editing (their token)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    @classmethod
    def from_settings(cls, settings: Settings) -> "EnrichmentNumbers":
        return cls(traced_http_client(base_url=settings.service_url("enrichment"),
                                      timeout=httpx.Timeout(TIMEOUT_S, connect=2.0)))

    async def number_for(self, token: str, dossier_id: UUID, proposal_id: UUID, journal: str, period: str) -> str | None:
        """The proposal's number in that journal and period; None when enrichment does not number it (a proposal
        it did not make, a period or journal it does not know yet)."""
        try:
            answer = await self.http.post(f"/dossiers/{dossier_id}/proposals/{proposal_id}/number",
                                          json={"journal": journal, "period": period},
                                          headers={"Authorization": f"Bearer {token}"})
        except httpx.HTTPError as exc:
            raise NumberingUnavailable(f"enrichment unreachable: {exc}") from exc
        if answer.status_code >= 500:
            raise NumberingUnavailable(f"enrichment answered {answer.status_code}")
        if answer.status_code != 200:
            return None
        return answer.json().get("document_number")
