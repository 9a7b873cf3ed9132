"""Bank statements: a CODA or camt.053 file handed in (ingest) and what its import did (sync-connector)."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Actor, Sha256
from contracts.events.documents import DocumentSource
from contracts.money import Money

StatementFormat = Literal["coda", "camt053"]
"""CODA (Febelfin 2.x, Belgian banks) or ISO 20022 camt.053."""

MatchRule = Literal["structured_reference", "rf_reference", "invoice_number", "iban_amount", "amount_date", "manual"]
"""Why a statement line was matched to open items, strongest first (issue 17 item 3)."""


class BankStatementReceived(Event):
    """A bank statement file was handed in (portal or API upload into the 'bank' mailbox) and stored as the
    original in object storage. Produced by ingest; sync-connector imports it (once per file hash)."""

    EVENT_TYPE: ClassVar[str] = "bank_statement.received"
    SCHEMA_VERSION: ClassVar[int] = 1

    statement_file_id: UUID = Field(description="one per file handed in")
    format: StatementFormat
    source: DocumentSource
    filename: str = Field(min_length=1, max_length=255)
    size_bytes: int = Field(ge=0)
    sha256: Sha256 = Field(description="digest of the file: the same file is imported once per dossier")
    storage_key: str = Field(min_length=1, description="object key of the original in the documents bucket")
    sender: str | None = None
    submitted_by: Actor | None = None


class MatchedItem(ContractModel):
    """An open receivable or payable a statement line paid (all or part of)."""

    kind: Literal["receivable", "payable"]
    reference: str = Field(min_length=1, description="the invoice's id in the accounting software")
    invoice_number: str | None = None
    external_id: str | None = Field(default=None, description="our proposal id when we booked the invoice")
    amount: Money = Field(description="what the line paid of it")
    paid_in_full: bool = True


class StatementLineOutcome(ContractModel):
    """One line of an imported statement and what matching made of it."""

    sequence: str
    booking_date: date
    amount: Money = Field(description="positive = money in")
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    communication: str | None = None
    state: Literal["matched", "unmatched"]
    rule: MatchRule | None = None
    matched: tuple[MatchedItem, ...] = ()


class BankStatementImported(Event):
    """sync-connector imported a statement file into the accounting software (matched lines reconciled), or
    refused it with the reason. Consumed by payments (paid), reporting and worklist (invoice states)."""

    EVENT_TYPE: ClassVar[str] = "bank_statement.imported"
    SCHEMA_VERSION: ClassVar[int] = 1

    statement_file_id: UUID
    outcome: Literal["imported", "refused"]
    error_code: str | None = Field(default=None, description="why it was refused, e.g. unbalanced_statement")
    error_reason: str | None = None
    accounting_software: str | None = None
    statement_reference: str | None = Field(default=None, description="the statement's id in the software")
    account: str | None = Field(default=None, description="the dossier's bank account (IBAN)")
    statement_date: date | None = None
    opening_balance: Money | None = None
    closing_balance: Money | None = None
    lines: tuple[StatementLineOutcome, ...] = ()
