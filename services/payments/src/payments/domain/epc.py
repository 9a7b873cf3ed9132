"""The EPC069-12 QR payload (version 002, UTF-8, SCT) of one payment (PAY-4).

Lines: BCD, 002, 1 (UTF-8), SCT, BIC (optional in 002), name (≤70), IBAN, EUR<amount>, purpose (empty),
structured reference, unstructured text. The structured field only takes an ISO 11649 RF creditor
reference; a Belgian +++ communication is not one, so it goes as the unstructured text, written
+++123/4567/89012+++ as Belgian banking apps read it. The two remittance fields are exclusive.
"""
from __future__ import annotations

from decimal import Decimal

from payments.domain.accounts import NAME_MAX
from payments.domain.communication import Communication, Kind
from payments.domain.errors import Code, InvalidPayment, Problem

EPC_AMOUNT_MAX = Decimal("999999999.99")
TEXT_MAX = 140
PAYLOAD_MAX_BYTES = 331


def epc_payload(name: str, iban: str, amount: Decimal, communication: Communication,
                bic: str | None = None) -> str:
    """The exact text encoded in the QR code; trailing empty lines are left out as the standard allows."""
    if not 0 < amount <= EPC_AMOUNT_MAX:
        raise InvalidPayment({"amount": Problem(Code.EPC_AMOUNT, f"an EPC QR code takes 0.01 to {EPC_AMOUNT_MAX} EUR",
                                                 limit=EPC_AMOUNT_MAX)})
    if len(name) > NAME_MAX:
        raise InvalidPayment({"creditor.name": Problem(
            Code.TOO_LONG, f"at most {NAME_MAX} characters in an EPC QR code", max=NAME_MAX)})
    reference = communication.text if communication.kind is Kind.CREDITOR_REFERENCE else ""
    text = communication.text if communication.kind in (Kind.FREE, Kind.STRUCTURED) else ""
    if len(text or "") > TEXT_MAX:
        raise InvalidPayment({"communication.text": Problem(
            Code.TOO_LONG, f"at most {TEXT_MAX} characters in an EPC QR code", max=TEXT_MAX)})
    lines = ["BCD", "002", "1", "SCT", bic or "", name, iban, f"EUR{amount.quantize(Decimal('0.01'))}", "",
             reference or "", text or ""]
    while lines[-1] == "":
        lines.pop()
    payload = "\n".join(lines)
    if len(payload.encode()) > PAYLOAD_MAX_BYTES:
        raise InvalidPayment({"communication.text": Problem(Code.EPC_TOO_LONG,
                                                            "too long for an EPC QR code (331 bytes in all)")})
    return payload
