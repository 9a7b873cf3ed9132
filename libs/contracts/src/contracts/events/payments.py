"""Payments: a supplier payment approved and ready to execute (payments)."""
from __future__ import annotations

import re
from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator

from contracts.envelope import ContractModel, Event
from contracts.events.common import Bic, Iban
from contracts.money import Currency, Money

STRUCTURED = re.compile(r"^\+\+\+[0-9]{3}/[0-9]{4}/[0-9]{5}\+\+\+$")


class Creditor(ContractModel):
    """Who is paid (PAY-2)."""

    name: str = Field(min_length=1, max_length=140)
    iban: Iban
    bic: Bic | None = None


class DebtorAccount(ContractModel):
    """The dossier's account the payment is made from (PAY-3)."""

    iban: Iban
    bic: Bic | None = None
    name: str | None = None


class Communication(ContractModel):
    """The remittance information (PAY-2): none, free text, or a Belgian structured communication.

    A structured one is written '+++123/4567/89012+++' and checked with python-stdnum by the producer.
    """

    kind: Literal["none", "free", "structured"]
    text: str | None = Field(default=None, max_length=140)

    @model_validator(mode="after")
    def _text_matches_kind(self) -> Communication:
        if (self.kind == "none") != (self.text is None):
            raise ValueError("text is required for a free or structured communication and absent for none")
        if self.kind == "structured" and not STRUCTURED.fullmatch(self.text or ""):
            raise ValueError("a structured communication is written '+++123/4567/89012+++'")
        return self


class Approval(ContractModel):
    """One approver's consent under an approval rule (PAY-8)."""

    user_id: UUID
    name: str | None = None
    approved_at: AwareDatetime


class PaymentApproved(Event):
    """A payment got all the approvals its rule requires (or needed none) and waits to be executed
    (PAY-3 SEPA file) or was handed to a banking app (PAY-4 EPC QR)."""

    EVENT_TYPE: ClassVar[str] = "payment.approved"
    SCHEMA_VERSION: ClassVar[int] = 1

    payment_id: UUID
    document_id: UUID | None = Field(default=None, description="the invoice paid, when paid from a document")
    amount: Money
    currency: Currency = "EUR"
    creditor: Creditor
    debtor: DebtorAccount | None = Field(default=None, description="None for an EPC QR payment (PAY-4)")
    communication: Communication
    execution_date: date | None = Field(default=None, description="requested date; None for EPC QR")
    method: Literal["sepa", "epc_qr"] = "sepa"
    initiated_by: UUID = Field(description="user who prepared the payment")
    approval_rule_id: UUID | None = Field(default=None, description="None when no approval was needed (PAY-9)")
    approvers: tuple[Approval, ...] = ()
