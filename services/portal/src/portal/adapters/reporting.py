"""The reporting service's API as the portal uses it, with the user's token (services/reporting/README.md, REP-1..4).

Errors come back as ``ReportingError`` (403 not allowed, 404, 422 naming the filter in ``details``); an unreachable
reporting is ``ServiceUnavailable``. Money arrives as decimal strings and stays text until the page formats it.
"""
from __future__ import annotations

from typing import Any

import httpx

from portal.adapters.bearer_client import BearerClient
from portal.adapters.service_errors import ServiceCallError


class ReportingError(ServiceCallError):
    """What reporting refused: 403, 404, 422 naming the filter."""

    service = "reporting"


class ReportingClient(BearerClient):
    """A dossier's dashboard, invoice history and archive on behalf of the logged-in user."""

    error = ReportingError

    async def dashboard(self, dossier_id: str, year: int | None = None) -> dict[str, Any]:
        """REP-1 ``{year, closed_periods_only, totals, months[{month, provisional, ...}], balances}``."""
        params = {"year": year} if year else {}
        return await self.call("GET", f"/dossiers/{dossier_id}/dashboard", params=params)

    async def history(self, dossier_id: str, params: dict[str, Any]) -> dict[str, Any]:
        """REP-4 ``{side, status, key_figures, total, page, page_size, invoices}``."""
        return await self.call("GET", f"/dossiers/{dossier_id}/history", params=params)

    async def mark_done(self, dossier_id: str, reference: str, done: bool) -> dict[str, Any]:
        return await self.call("POST", f"/dossiers/{dossier_id}/history/{reference}/done", json={"done": done})

    async def archive(self, dossier_id: str, params: dict[str, Any]) -> dict[str, Any]:
        """REP-3 ``{total, page, page_size, documents}``, newest first."""
        return await self.call("GET", f"/dossiers/{dossier_id}/archive", params=params)

    async def archive_document(self, dossier_id: str, document_id: str) -> dict[str, Any]:
        return await self.call("GET", f"/dossiers/{dossier_id}/archive/{document_id}")

    async def export(self, dossier_id: str, listing: str, params: dict[str, Any]) -> httpx.Response:
        """The Excel export of ``history`` or ``archive`` with the same filters, byte for byte."""
        return await self.call("GET", f"/dossiers/{dossier_id}/{listing}/export.xlsx", params=params, raw=True)

    async def report(self, dossier_id: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
        """REP-2 one of the six reports ``{report, closed_periods_only, provisional_months?, year|as_of, ...}``."""
        return await self.call("GET", f"/dossiers/{dossier_id}/reports/{name}", params=params)

    async def report_entries(self, dossier_id: str, params: dict[str, Any]) -> dict[str, Any]:
        """REP-2 drill-down ``{entries[{reference, booking_date, ..., amount, document_id}], total, truncated}``."""
        return await self.call("GET", f"/dossiers/{dossier_id}/reports/entries", params=params)
