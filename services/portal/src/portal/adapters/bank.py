"""The sync-connector's bank statement API as the portal uses it, with the user's token (issue 17, REP-5):
a dossier's statement files with their state, one file's lines with what matching made of them, and the manual
matching of a line the rules left (``bank.match``). Amounts and balances come as decimal strings ("-121.10"), shown
through portal.domain.amounts."""
from __future__ import annotations

from typing import Any

from portal.adapters.bearer_client import BearerClient
from portal.adapters.sync import SyncError


class BankClient(BearerClient):
    """Bank statement imports of one dossier, on behalf of the logged-in user (matrix ``financial.view``)."""

    error = SyncError

    async def statements(self, dossier_id: str) -> list[dict[str, Any]]:
        """``[{statement_file_id, filename, format, state, error_code, error_reason, account, statement_date,
        opening_balance, closing_balance, lines, matched, received_at}]``, newest first."""
        return (await self.call("GET", f"/dossiers/{dossier_id}/bank-statements"))["statements"]

    async def statement(self, dossier_id: str, file_id: str) -> dict[str, Any]:
        """One file with ``lines[{sequence, booking_date, amount, counterparty_name, counterparty_iban,
        communication, state, rule, matched[...], suggestions[...]}]``."""
        return await self.call("GET", f"/dossiers/{dossier_id}/bank-statements/{file_id}")

    async def candidates(self, dossier_id: str, file_id: str, sequence: str) -> dict[str, Any]:
        """An unmatched line and the open invoices it could pay: ``{line, candidates[{reference, kind,
        invoice_number, party, amount_open, due_date, suggested}]}``, the rules' suggestions first."""
        return await self.call("GET", f"/dossiers/{dossier_id}/bank-statements/{file_id}/lines/{sequence}/candidates")

    async def match(self, dossier_id: str, file_id: str, sequence: str, references: list[str]) -> dict[str, Any]:
        """Match the line to the invoices picked (reconciled in the accounting software); the line as it now is.
        The same match again answers the same; another one of a matched line is a 409, amounts that do not fit a
        422."""
        return await self.call("POST", f"/dossiers/{dossier_id}/bank-statements/{file_id}/lines/{sequence}/match",
                               json={"references": references})
