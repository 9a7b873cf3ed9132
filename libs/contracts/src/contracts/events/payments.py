"""Payments: a supplier payment approved and ready to execute, executed, or cancelled (payments)."""
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


class PaymentExecuted(Event):
    """A payment went to the bank (issue 17 item 1): in a SEPA file (PAY-3), by an EPC QR code (PAY-4), or the
    bank statement showed its invoice paid before the office executed it here. The invoice stays "payment in
    progress" (PAY-7) until the bank line arrives."""

    EVENT_TYPE: ClassVar[str] = "payment.executed"
    SCHEMA_VERSION: ClassVar[int] = 1

    payment_id: UUID
    document_id: UUID | None = Field(default=None, description="the invoice paid, when paid from a document")
    amount: Money
    currency: Currency = "EUR"
    method: Literal["sepa", "epc_qr"]
    executed_by: Literal["sepa_file", "epc_qr", "bank_statement"] = Field(
        description="a SEPA file made, a QR code scanned, or the bank's statement showing the invoice paid")
    sepa_file_id: UUID | None = Field(default=None, description="the SEPA file it went in (PAY-6)")
    debtor: DebtorAccount | None = Field(default=None, description="the account of the SEPA file")
    execution_date: date | None = Field(default=None, description="the date asked of the bank")
    executed_at: AwareDatetime


class PaymentCancelled(Event):
    """A payment was cancelled before it went to the bank (draft, to approve or approved): every "payment in
    progress" mark of its invoice (PAY-7) and its record in the accounting software are cleared."""

    EVENT_TYPE: ClassVar[str] = "payment.cancelled"
    SCHEMA_VERSION: ClassVar[int] = 1

    payment_id: UUID
    document_id: UUID | None = Field(default=None, description="the invoice it would have paid")
    amount: Money
    currency: Currency = "EUR"
    was_approved: bool = Field(description="True when payment.approved was published for it before")
    cancelled_by: UUID | None = Field(default=None, description="the user who cancelled it")
