"""The enrichment service's HTTP API as the portal uses it, with the user's token: the real next document number
of each journal (ENR-4), which enrichment hands out."""
from __future__ import annotations

from portal.adapters.bearer_client import BearerClient
from portal.adapters.service_errors import ServiceCallError


class EnrichmentError(ServiceCallError):
    """What enrichment refused."""

    service = "enrichment"


class EnrichmentClient(BearerClient):
    """Calls enrichment on behalf of the logged-in user."""

    error = EnrichmentError

    async def next_numbers(self, dossier_id: str) -> dict[str, int]:
        """Journal code -> the number its next proposal gets (in its newest fiscal year)."""
        answer = await self.call("GET", f"/dossiers/{dossier_id}/numbering")
        return {j["code"]: j["next_number"] for j in answer["journals"]}
