"""What the bank statement routes answer, as response models (issue 19 item 5): money as decimal strings
(contracts.money.Money: ``"-121.10"``, never a JSON number), times and dates ISO 8601 text, so
docs/openapi/sync-connector.json says what the code does and the portal's fake can be checked against it."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from contracts.money import Money
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from sync_connector.entrypoints.http.schemas import DateText, DateTimeText


def wire(value: Any) -> Any:
    """``value`` JSON-ready as the routes answer it: amounts as plain decimal text (jsonable_encoder alone would
    make them floats), times ISO 8601."""
    return jsonable_encoder(value, custom_encoder={Decimal: lambda amount: format(amount, "f")})


class MatchedOut(BaseModel):
    """An invoice a line paid (all of it, or part)."""

    kind: Literal["receivable", "payable"]
    reference: str
    invoice_number: str | None = None
    external_id: str | None = None
    amount: Money
    paid_in_full: bool = True


class SuggestionOut(BaseModel):
    """An open invoice the rules think a line they left may pay."""

    reference: str
    kind: Literal["receivable", "payable"]
    invoice_number: str | None = None
    amount_open: Money
    due_date: DateText | None = None


class LineOut(BaseModel):
    """One statement line and what matching made of it (``rule`` "manual" when the office matched it by hand)."""

    sequence: str
    booking_date: DateText
    amount: Money
    counterparty_name: str | None
    counterparty_iban: str | None
    communication: str | None
    state: Literal["matched", "unmatched"]
    rule: str | None
    matched: list[MatchedOut]
    suggestions: list[SuggestionOut]


class StatementFields(BaseModel):
    """A statement file handed in: its state (refused with the reason, or a duplicate of the first) and, once
    imported, the statement it holds."""

    statement_file_id: UUID
    filename: str
    format: str
    source: str
    state: Literal["received", "imported", "refused", "duplicate"]
    duplicate_of: UUID | None
    error_code: str | None
    error_reason: str | None
    statement_reference: str | None
    account: str | None
    statement_date: DateText | None
    opening_balance: Money | None
    closing_balance: Money | None
    received_at: DateTimeText
    imported_at: DateTimeText | None
    matched: int


class StatementListed(StatementFields):
    lines: int


class StatementsOut(BaseModel):
    """A dossier's statement files, newest first."""

    statements: list[StatementListed]


class StatementOut(StatementFields):
    """One statement file with its lines."""

    lines: list[LineOut]


class CandidateOut(BaseModel):
    """An open invoice a line could pay; ``suggested`` when the rules named it."""

    reference: str
    kind: Literal["receivable", "payable"]
    invoice_number: str | None
    party: str | None
    amount_open: Money
    due_date: DateText | None
    suggested: bool


class CandidatesOut(BaseModel):
    """A line and the open invoices it could pay (none once it is matched), the rules' suggestions first."""

    line: LineOut
    candidates: list[CandidateOut]
