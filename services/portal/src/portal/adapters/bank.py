"""The sync-connector's bank statement API as the portal uses it, with the user's token (issue 17, REP-5):
a dossier's statement files with their state, one file's lines with what matching made of them."""
from __future__ import annotations

from typing import Any

from portal.adapters.bearer_client import BearerClient


class BankClient(BearerClient):
    """Bank statement imports of one dossier, on behalf of the logged-in user (matrix ``financial.view``)."""

    service = "sync-connector"

    async def statements(self, dossier_id: str) -> list[dict[str, Any]]:
        """``[{statement_file_id, filename, format, state, error_code, error_reason, account, statement_date,
        opening_balance, closing_balance, lines, matched, received_at}]``, newest first."""
        return (await self.call("GET", f"/dossiers/{dossier_id}/bank-statements"))["statements"]

    async def statement(self, dossier_id: str, file_id: str) -> dict[str, Any]:
        """One file with ``lines[{sequence, booking_date, amount, counterparty_name, counterparty_iban,
        communication, state, rule, matched[...], suggestions[...]}]``."""
        return await self.call("GET", f"/dossiers/{dossier_id}/bank-statements/{file_id}")
