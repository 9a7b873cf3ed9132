"""The payments service's API as the portal uses it, with the user's token (services/payments/README.md, PAY-1..9).

Errors come back as ``PaymentsError`` (403 module off or not allowed, 404, 409 with the message, 422 with
``details`` naming each field by its dotted path, e.g. ``creditor.iban``).
"""
from __future__ import annotations

from typing import Any

import httpx

from portal.adapters.bearer_client import BearerClient
from portal.adapters.service_errors import ServiceCallError

STATES = ("draft", "to_approve", "to_execute", "executed", "cancelled")


class PaymentsError(ServiceCallError):
    """What payments refused: 403, 404, 409 with ``reason`` and ``params``, 422 naming each field."""

    service = "payments"


class PaymentsClient(BearerClient):
    """A dossier's payments, approval rules and SEPA files on behalf of the logged-in user."""

    error = PaymentsError

    def _base(self, dossier_id: str) -> str:
        return f"/dossiers/{dossier_id}"

    async def payments(self, dossier_id: str, state: str | None = None) -> list[dict[str, Any]]:
        params = {"state": state} if state else {}
        return (await self.call("GET", f"{self._base(dossier_id)}/payments", params=params))["payments"]

    async def payment(self, dossier_id: str, payment_id: str) -> dict[str, Any]:
        return await self.call("GET", f"{self._base(dossier_id)}/payments/{payment_id}")

    async def create(self, dossier_id: str, body: dict[str, Any], idempotency_key: str | None = None) -> dict:
        """A new draft; with only ``document_id`` the service prefills it from the purchase invoice (PAY-2)."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        return await self.call("POST", f"{self._base(dossier_id)}/payments", json=body, headers=headers)

    async def act(self, dossier_id: str, payment_id: str, action: str, body: dict | None = None) -> dict:
        """request-approval, approve, cancel or paid-by-qr on one payment."""
        return await self.call("POST", f"{self._base(dossier_id)}/payments/{payment_id}/{action}", json=body or {})

    async def rules(self, dossier_id: str) -> dict[str, Any]:
        """``{"rules": [...], "approval_required": bool}``."""
        return await self.call("GET", f"{self._base(dossier_id)}/approval-rules")

    async def preview(self, dossier_id: str, payment_ids: list[str]) -> dict[str, Any]:
        """``{count, total}`` of the selection: "Execute N payments for €total" (PAY-3)."""
        return await self.call("POST", f"{self._base(dossier_id)}/sepa-files/preview",
                               json={"payment_ids": payment_ids})

    async def create_file(self, dossier_id: str, payment_ids: list[str], debtor: dict[str, Any],
                          execution_date: str | None) -> dict[str, Any]:
        """PAY-3: the file; a debtor of only an IBAN (or none) takes the dossier's account (or its default)."""
        body = {"payment_ids": payment_ids, "debtor": debtor, "execution_date": execution_date or None}
        return await self.call("POST", f"{self._base(dossier_id)}/sepa-files", json=body)

    async def files(self, dossier_id: str) -> list[dict[str, Any]]:
        return (await self.call("GET", f"{self._base(dossier_id)}/sepa-files"))["files"]

    async def file_xml(self, dossier_id: str, file_id: str) -> httpx.Response:
        """PAY-6: the stored pain.001 bytes with the service's content type and file name."""
        return await self.call("GET", f"{self._base(dossier_id)}/sepa-files/{file_id}/xml", raw=True)

    async def qr_svg(self, dossier_id: str, payment_id: str) -> str:
        """PAY-4: the EPC QR code as SVG markup."""
        response = await self.call("GET", f"{self._base(dossier_id)}/payments/{payment_id}/epc-qr.svg", raw=True)
        return response.text

    async def payable(self, dossier_id: str) -> list[dict[str, Any]]:
        """Reviewed purchase invoices nothing pays yet, with their prefill (issue 15 item 11)."""
        return (await self.call("GET", f"{self._base(dossier_id)}/payable-documents"))["items"]

    async def debtor_accounts(self, dossier_id: str) -> dict[str, Any]:
        """PAY-3: ``{accounts: [{iban, bic, name, default}], default, holder}``, the dossier's accounts to pay from."""
        return await self.call("GET", f"{self._base(dossier_id)}/debtor-accounts")

    async def document_status(self, dossier_id: str, document_id: str) -> dict[str, Any]:
        return await self.call("GET", f"{self._base(dossier_id)}/documents/{document_id}/payment-status")
