"""What payments' HTTP routes answer, as response models (issue 19 item 5): the routes' `response_model`s, so
docs/openapi/payments.json says what the code does. Amounts are strings (Decimal, never float); times are written
as Python's isoformat, as the routes always wrote them."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, PlainSerializer

Timestamp = Annotated[datetime, PlainSerializer(lambda v: v.isoformat(), return_type=str, when_used="json")]
Amount = Annotated[str, Field(description="EUR, e.g. '1210.00'")]


class CreditorOut(BaseModel):
    name: str | None
    iban: str | None
    bic: str | None


class CommunicationOut(BaseModel):
    kind: Literal["none", "free", "structured", "creditor_reference"]
    text: str | None


class ApprovalOut(BaseModel):
    user_id: UUID
    approved_at: Timestamp


class PaymentOut(BaseModel):
    """One payment (PAY-1): its state, what it pays, who asked and approved, the file it went in."""

    id: UUID
    dossier_id: UUID
    document_id: UUID | None
    method: Literal["sepa", "epc_qr"]
    state: Literal["draft", "to_approve", "to_execute", "executed", "cancelled"]
    amount: Amount
    currency: Literal["EUR"]
    creditor: CreditorOut
    communication: CommunicationOut
    execution_date: date | None
    initiated_by: UUID | None
    rule_id: UUID | None
    approvals: list[ApprovalOut]
    sepa_file_id: UUID | None
    executed_at: Timestamp | None
    debtor: CreditorOut | None


class PaymentsOut(BaseModel):
    payments: list[PaymentOut]


class PayableOut(BaseModel):
    """A reviewed purchase invoice nothing pays yet, with what its payment is prefilled with (issue 15 item 11)."""

    document_id: UUID
    proposal_id: UUID | None
    counterparty_name: str | None
    iban: str | None
    amount: Amount
    currency: Literal["EUR"]
    payment_reference: str | None
    invoice_number: str | None
    invoice_date: date | None
    due_date: date | None


class PayablesOut(BaseModel):
    items: list[PayableOut]


class PaymentStatusOut(BaseModel):
    """PAY-7: whether a document's payment is in progress."""

    document_id: UUID
    payment_in_progress: bool
    payment: PaymentOut | None
    executed: bool
    paid_in_accounting: bool
    payable: bool


class RuleOut(BaseModel):
    id: UUID
    name: str
    user_ids: list[UUID]
    max_amount: Amount | None


class RulesOut(BaseModel):
    approval_required: bool
    rules: list[RuleOut]


class ApprovalSwitchOut(BaseModel):
    approval_required: bool


class PreviewOut(BaseModel):
    """'Execute N payments for €total' (PAY-3)."""

    count: int
    total: Amount
    currency: Literal["EUR"]


class SepaFileOut(BaseModel):
    """A SEPA credit transfer file made (PAY-3, PAY-6); payment_ids when it was just made."""

    id: UUID
    dossier_id: UUID
    debtor_name: str
    debtor_iban: str
    debtor_bic: str | None = None
    execution_date: date | None = None
    count: int
    created_at: Timestamp
    created_by: UUID
    sha256: str
    size: int
    payment_ids: list[UUID] | None = None
    total: Amount
    currency: Literal["EUR"]


class SepaFilesOut(BaseModel):
    files: list[SepaFileOut]


class DebtorAccountOut(BaseModel):
    iban: str
    bic: str | None
    name: str | None
    source: str
    last_used_at: Timestamp | None
    default: bool


class DebtorAccountsOut(BaseModel):
    """PAY-3: the dossier's own accounts to pay from, the default first; holder: the name of an unnamed one."""

    accounts: list[DebtorAccountOut]
    default: str | None
    holder: str
